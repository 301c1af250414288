using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Predictors.Registry;

namespace MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

/// <summary>What the drift monitor compares with a version's reference profile: that version's prediction log.</summary>
internal sealed class PredictionLogServedFeatures(IPredictionLogReader log) : IServedFeatureSource
{
    public async Task<ServedWindow> ReadWindowAsync(string model, string version, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        if (!ModelVersionId.TryParse($"{model}/{version}", out var id))
        {
            // A profile saved by something other than the registry: nothing of it was served here.
            return new ServedWindow(start, end, 0, new Dictionary<string, double[]>(), new Dictionary<string, string[]>());
        }
        var window = await log.ReadWindowAsync(id, start, end, cancellationToken: cancellationToken);
        var numbers = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var j = 0; j < window.FeatureNames.Count; j++)
        {
            numbers[window.FeatureNames[j]] = [.. window.Rows.Select(row => (double)row[j])];
        }
        numbers[Drift.Profiles.ReferenceProfile.PredictionFeature] = [.. window.Outputs];
        return new ServedWindow(start, end, window.Rows.Count, numbers, new Dictionary<string, string[]>());
    }
}
