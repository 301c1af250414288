using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

/// <summary>
/// A failure-risk model whose served <c>changed_files</c> shifts by two reference standard
/// deviations in the latest completed window, while every other feature stays as in training.
/// Two windows back the same traffic is unshifted, so drift starts in the latest window.
/// </summary>
public static class DriftScenario
{
    public const string Model = "failure-risk";
    public const string Version = "11";
    public const string PreviousVersion = "10";
    public const string ShiftedFeature = "changed_files";
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static ReferenceProfile Profile(string version, DateTimeOffset createdAt) =>
        ReferenceProfileBuilder.Build(Model, version,
        [
            TrainingColumn.Numeric(ShiftedFeature, ReferenceSamples.Sample(101, 2000, scale: 0.2)),
            TrainingColumn.Numeric("author_experience", ReferenceSamples.Sample(102, 2000)),
            TrainingColumn.Categorical("file_type", ReferenceSamples.Categories(System.Text.Json.Nodes.JsonNode.Parse("""{"seed":103,"count":2000,"k":4}""")!)),
            TrainingColumn.Numeric(ReferenceProfile.ConfidenceFeature, ReferenceSamples.Sample(104, 2000, scale: 0.01)),
        ], createdAt);

    /// <summary>Served rows in the window <paramref name="windowsBack"/> windows before the current one.</summary>
    public static void Serve(InMemoryServedFeatureSource source, DateTimeOffset now, int windowsBack, bool shifted, int rows = 400, string version = Version, string model = Model)
    {
        var window = DriftWindows.Containing(now, Window);
        var start = window.Start - windowsBack * Window;
        var changed = ReferenceSamples.Sample((ulong)(200 + windowsBack), rows, scale: 0.2);
        var shift = shifted ? 2 * Wasserstein.StandardDeviation(changed) : 0;
        var experience = ReferenceSamples.Sample((ulong)(300 + windowsBack), rows);
        var confidence = ReferenceSamples.Sample((ulong)(400 + windowsBack), rows, scale: 0.01);
        var types = ReferenceSamples.Categories(System.Text.Json.Nodes.JsonNode.Parse($$"""{"seed":{{500 + windowsBack}},"count":{{rows}},"k":4}""")!);
        for (var i = 0; i < rows; i++)
        {
            source.Record(model, version, new ServedRow(start + TimeSpan.FromSeconds(i * Window.TotalSeconds / rows), new Dictionary<string, object>
            {
                [ShiftedFeature] = changed[i] + shift,
                ["author_experience"] = experience[i],
                ["file_type"] = types[i],
                [ReferenceProfile.ConfidenceFeature] = confidence[i],
            }));
        }
    }
}
