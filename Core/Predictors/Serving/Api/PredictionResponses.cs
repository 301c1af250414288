namespace MlOpsDashboard.Core.Predictors.Serving.Api;

/// <summary>
/// Which model answered: its version (<c>build-time/v3</c>), whether that is the version GitOps
/// deployed for model-serving or the registry champion used as a fallback, and why.
/// </summary>
public sealed record ServedModelInfo(string Version, string Source, string Detail);

public sealed record DriverOutput(string Feature, double Value, double Contribution);

public sealed record RecommendationOutput(string Code, string Title, string Detail, double EstimatedSavingSeconds);

public sealed record BuildTimeOutput(
    string? BuildId,
    double PredictedSeconds,
    double LowerSeconds,
    double UpperSeconds,
    double Coverage,
    IReadOnlyList<DriverOutput> Drivers,
    IReadOnlyList<RecommendationOutput> Recommendations);

public sealed record BuildTimeResponse(BuildTimeOutput Prediction, ServedModelInfo Model, string TraceId);

public sealed record BuildTimeBatchResponse(IReadOnlyList<BuildTimeOutput> Predictions, ServedModelInfo Model, string TraceId);

public sealed record FailureRiskOutput(
    string? BuildId,
    double FailureProbability,
    double Threshold,
    bool LikelyToFail,
    IReadOnlyList<DriverOutput> Drivers);

public sealed record FailureRiskResponse(FailureRiskOutput Prediction, ServedModelInfo Model, string TraceId);

public sealed record FailureRiskBatchResponse(IReadOnlyList<FailureRiskOutput> Predictions, ServedModelInfo Model, string TraceId);

public sealed record RankedTestOutput(int Rank, string Name, double FailureProbability, double DurationSeconds, bool Selected);

/// <summary><see cref="SavedSeconds"/> is the test time not spent: total minus selected.</summary>
public sealed record TestSelectionOutput(
    string? ChangeId,
    IReadOnlyList<string> Selected,
    IReadOnlyList<RankedTestOutput> Ranked,
    int SelectedCount,
    double SelectedDurationSeconds,
    double TotalDurationSeconds,
    double SavedSeconds,
    double ExpectedShareOfFailuresCaught);

public sealed record TestSelectionResponse(TestSelectionOutput Selection, ServedModelInfo Model, string TraceId);

public sealed record TestSelectionBatchResponse(IReadOnlyList<TestSelectionOutput> Selections, ServedModelInfo Model, string TraceId);

/// <summary>The answer of the validate-only endpoint: the request would be accepted.</summary>
public sealed record ValidationOkResponse(bool Valid, int Items);

public sealed class BuildBatchInput
{
    public List<BuildFeaturesInput?>? Builds { get; set; }
}

public sealed class TestSelectionBatchInput
{
    public List<TestSelectionInput?>? Changes { get; set; }
}
