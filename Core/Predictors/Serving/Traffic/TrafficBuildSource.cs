using Microsoft.Extensions.Logging;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;

namespace MlOpsDashboard.Core.Predictors.Serving.Traffic;

/// <summary>
/// Where the sandbox traffic's builds come from: the reference profile of the build-time version
/// being served (looked up again whenever the served version changes), else — with the reason
/// logged once per version — <see cref="SyntheticBuildDistribution"/>. Used by one loop at a time.
/// </summary>
public sealed class TrafficBuildSource(Func<ModelVersionId?> servedVersion, IReferenceProfileStore profiles, ILogger logger)
{
    private ModelVersionId? _loadedFor;
    private bool _loaded;
    private ProfileBuildSampler? _sampler;

    /// <summary>"reference profile of build-time v3", or the synthetic distribution and why.</summary>
    public string Describe { get; private set; } = "synthetic distribution (no model served yet)";

    public async ValueTask<BuildFeatures> NextAsync(Random random, CancellationToken cancellationToken)
    {
        var version = servedVersion();
        if (!_loaded || version != _loadedFor)
        {
            await LoadAsync(version, cancellationToken);
        }
        return _sampler?.Sample(random) ?? SyntheticBuildDistribution.Sample(random);
    }

    private async Task LoadAsync(ModelVersionId? version, CancellationToken cancellationToken)
    {
        _loadedFor = version;
        _loaded = true;
        _sampler = null;
        string reason;
        if (version is not { } served)
        {
            reason = "no build-time model is served yet";
        }
        else
        {
            var (model, number) = DriftReferencePublisher.DriftKey(served);
            var profile = await profiles.GetAsync(model, number, cancellationToken);
            if (profile is null)
            {
                reason = $"{served} has no reference profile (it was registered without one)";
            }
            else
            {
                _sampler = ProfileBuildSampler.TryCreate(profile, out reason);
            }
        }
        if (_sampler is not null)
        {
            Describe = $"reference profile of {_sampler.Source}";
            logger.LogInformation("Sandbox traffic draws builds from the {Source}", Describe);
        }
        else
        {
            Describe = $"synthetic distribution ({reason})";
            logger.LogInformation("Sandbox traffic draws builds from the synthetic distribution: {Reason}", reason);
        }
    }
}
