namespace MlOpsDashboard.Core.Incidents.Analysis;

/// <summary>What an analyst gets: the incident after redaction, and the same rendered as text (what an LLM would be sent).</summary>
public sealed record AnalysisRequest(CapturedIncident Incident, string ContextText);

/// <summary>An analyst's conclusion, before the service adds redaction, timing and storage.</summary>
public sealed record AnalystAnswer
{
    public string Summary { get; init; } = "";
    public Urgency Urgency { get; init; }
    public CauseScope Scope { get; init; }
    public IReadOnlyList<RootCause> RootCauses { get; init; } = [];
    public string Analyst { get; init; } = "";
    public string? Model { get; init; }

    /// <summary>The full prompt sent (LLM only).</summary>
    public string? Prompt { get; init; }
    public int? InputTokens { get; init; }
    public int? OutputTokens { get; init; }
}

/// <summary>Turns an incident into ranked root causes. Offline rules, or an LLM.</summary>
public interface IAnalyst
{
    string Name { get; }

    Task<AnalystAnswer> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken);
}
