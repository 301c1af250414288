using Microsoft.Extensions.Logging.Abstractions;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Drift.Statistics;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.Traffic;
using MlOpsDashboard.Dashboard.Tests.Support;
using ReferenceProfile = MlOpsDashboard.Core.Drift.Profiles.ReferenceProfile;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Serving;

/// <summary>
/// The sandbox traffic draws builds from the served version's reference profile, published the way
/// training publishes it (real BuildFast rows, a real Sqlite profile store): a two-sample KS test of
/// the drawn values against the profile's sample must not reject, the drift scenario's shift must.
/// </summary>
public sealed class TrafficBuildSourceTests : IDisposable
{
    private static readonly ModelVersionId Served = new(PredictorKind.BuildTime, 1);
    private static readonly string[] Checked =
        [nameof(BuildFeatures.LinesAdded), nameof(BuildFeatures.FilesModified), nameof(BuildFeatures.PreviousDurationSeconds), nameof(BuildFeatures.RecentFailureRatio)];

    private readonly TestDatabase _database = new();
    private readonly ReferenceProfileStore _profiles;

    public TrafficBuildSourceTests() => _profiles = new ReferenceProfileStore(_database);

    public void Dispose() => _database.Dispose();

    private async Task<ReferenceProfile> PublishAsync(ModelVersionId version)
    {
        var builds = BuildFastImporter.ReadFile(Path.Combine(PredictorTestData.DatasetsFolder, "buildfast", "brettwooldridge@HikariCP_newmerge.csv"));
        await new DriftReferencePublisher(_profiles, TimeProvider.System)
            .PublishAsync(version, [.. builds.Select(b => BuildFeatureVector.ToVector(b.Features))], BuildFeatureVector.Names, CancellationToken.None);
        var (model, number) = DriftReferencePublisher.DriftKey(version);
        return (await _profiles.GetAsync(model, number, CancellationToken.None))!;
    }

    private static async Task<List<float[]>> DrawAsync(TrafficBuildSource source, int count, DataDriftShift? drift = null)
    {
        var random = new Random(5);
        var drawn = new List<float[]>(count);
        for (var i = 0; i < count; i++)
        {
            var build = await source.NextAsync(random, CancellationToken.None);
            drawn.Add(BuildFeatureVector.ToVector(drift?.Apply(build) ?? build));
        }
        return drawn;
    }

    private static double PValue(ReferenceProfile profile, List<float[]> drawn, string feature)
    {
        var index = BuildFeatureVector.Names.ToList().IndexOf(feature);
        return KolmogorovSmirnov.TwoSample(profile.Feature(feature)!.NumericSample, [.. drawn.Select(v => (double)v[index])]).PValue;
    }

    [Fact]
    public async Task NextAsync_ServedVersionHasProfile_DrawsEachFeatureFromIt()
    {
        var profile = await PublishAsync(Served);
        var source = new TrafficBuildSource(() => Served, _profiles, NullLogger.Instance);

        var drawn = await DrawAsync(source, 1_500);

        Assert.Equal("reference profile of build-time v1", source.Describe);
        Assert.All(Checked, feature => Assert.True(PValue(profile, drawn, feature) > 0.01, $"{feature}: p = {PValue(profile, drawn, feature)}"));
        // The synthetic distribution is not the training data: the same test tells them apart.
        var synthetic = new Random(5);
        var syntheticDrawn = Enumerable.Range(0, 1_500).Select(_ => BuildFeatureVector.ToVector(SyntheticBuildDistribution.Sample(synthetic))).ToList();
        Assert.True(PValue(profile, syntheticDrawn, nameof(BuildFeatures.PreviousDurationSeconds)) < 1e-6);
    }

    [Fact]
    public async Task NextAsync_DriftScenarioShift_MovesOnlyTheChosenFeature()
    {
        var profile = await PublishAsync(Served);
        var source = new TrafficBuildSource(() => Served, _profiles, NullLogger.Instance);
        var shift = new DataDriftShift(nameof(BuildFeatures.PreviousDurationSeconds), 3, 120);

        var drifted = await DrawAsync(source, 1_500, shift);
        var plain = await DrawAsync(source, 1_500);

        var index = BuildFeatureVector.Names.ToList().IndexOf(nameof(BuildFeatures.PreviousDurationSeconds));
        Assert.True(PValue(profile, drifted, nameof(BuildFeatures.PreviousDurationSeconds)) < 1e-6);
        Assert.True(PValue(profile, drifted, nameof(BuildFeatures.LinesAdded)) > 0.01);
        // Same seed, same draws: the shift is exactly value × 3 + 120 on every build.
        Assert.All(drifted.Zip(plain), p => Assert.Equal(Math.Round((p.Second[index] * 3.0) + 120, 3), p.First[index], 0.5));
    }

    [Fact]
    public async Task NextAsync_DrawnBuilds_PassTheApiRules()
    {
        await PublishAsync(Served);
        var source = new TrafficBuildSource(() => Served, _profiles, NullLogger.Instance);
        var random = new Random(9);

        for (var i = 0; i < 500; i++)
        {
            var errors = new FieldErrors();
            BuildFeaturesRules.Validate(BuildFeaturesInput.From(await source.NextAsync(random, CancellationToken.None), $"b-{i}"), errors);
            Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }
    }

    [Fact]
    public async Task NextAsync_NoProfileThenVersionWithProfile_FallsBackWithReasonThenSwitches()
    {
        ModelVersionId? served = null;
        var source = new TrafficBuildSource(() => served, _profiles, NullLogger.Instance);
        var random = new Random(3);

        await source.NextAsync(random, CancellationToken.None);
        Assert.Equal("synthetic distribution (no build-time model is served yet)", source.Describe);

        served = new ModelVersionId(PredictorKind.BuildTime, 4);
        await source.NextAsync(random, CancellationToken.None);
        Assert.Equal("synthetic distribution (build-time/v4 has no reference profile (it was registered without one))", source.Describe);

        await PublishAsync(Served);
        served = Served;
        await source.NextAsync(random, CancellationToken.None);
        Assert.Equal("reference profile of build-time v1", source.Describe);
    }
}
