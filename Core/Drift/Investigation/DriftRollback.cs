using MlOpsDashboard.Core.Drift.Profiles;

namespace MlOpsDashboard.Core.Drift.Investigation;

/// <summary>
/// The rollback a drift investigation offers, wherever it is offered (the Drift page, a drift
/// analysis report): the model's profiled version created just before the one in which drift began,
/// opened in the model-serving application's delivery page with that MODEL_VERSION preselected.
/// </summary>
public static class DriftRollback
{
    /// <summary>How far back a report looks for the start of its drift: the Drift page's default range.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(24);

    /// <summary>The model's profiled version created just before the one in which drift began; null with no drift or no earlier version.</summary>
    public static async Task<string?> TargetAsync(IReferenceProfileStore profiles, string model, DriftOverview overview, CancellationToken cancellationToken)
    {
        if (overview.VersionWhenDriftBegan is not { } drifting)
        {
            return null;
        }
        var versions = (await profiles.ListAsync(cancellationToken)).Where(p => p.Model == model).OrderBy(p => p.CreatedAt).ToList();
        var index = versions.FindIndex(v => v.Version == drifting);
        return index > 0 ? versions[index - 1].Version : null;
    }

    /// <summary>The target as of <paramref name="at"/>: the drift results of the <see cref="Lookback"/> before it.</summary>
    public static async Task<string?> TargetAtAsync(DriftHistory history, IReferenceProfileStore profiles, string model, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var results = await history.ResultsAsync(model, at - Lookback, at, cancellationToken);
        return await TargetAsync(profiles, model, DriftOverview.Build(results), cancellationToken);
    }

    /// <summary>Model serving's delivery page with Promote preset to the earlier MODEL_VERSION (a profile's "v10" is MODEL_VERSION 10).</summary>
    public static string Href(string servingApplication, string version) =>
        $"/delivery/{Uri.EscapeDataString(servingApplication)}?modelVersion={Uri.EscapeDataString(version.TrimStart('v'))}";
}
