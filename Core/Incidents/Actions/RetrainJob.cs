using System.Text.Json.Serialization;

namespace MlOpsDashboard.Core.Incidents.Actions;

[JsonConverter(typeof(JsonStringEnumConverter<RetrainState>))]
public enum RetrainState
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>One retraining asked for from a drift report: who, for which model, its progress and what it registered.</summary>
public sealed record RetrainJob
{
    public required Guid Id { get; init; }
    public required long AnalysisId { get; init; }

    /// <summary>The drifting model's name as drift detection knows it: build-time, failure-risk or test-selection.</summary>
    public required string Model { get; init; }
    public required string RequestedBy { get; init; }
    public required string DataSource { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public RetrainState State { get; init; } = RetrainState.Running;

    /// <summary>The trainer's progress lines, newest last (bounded).</summary>
    public IReadOnlyList<string> Progress { get; init; } = [];
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Registered versions, e.g. "failure-risk/v4 (champion)"; the model's own version first.</summary>
    public IReadOnlyList<string> Registered { get; init; } = [];
    public string? Error { get; init; }
}

/// <summary>Retraining cannot start: not a drift report or an unknown model (400), no training data or one already running (409).</summary>
public sealed class RetrainRefusedException(string message, int statusCode = 400, string title = "Cannot retrain") : Exception(message)
{
    /// <summary>The HTTP status the API answers with.</summary>
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;
}
