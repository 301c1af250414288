namespace MlOpsDashboard.Core.Incidents.Analysis;

public enum Urgency
{
    P0,
    P1,
    P2,
}

public enum CauseScope
{
    Application,
    Infrastructure,
}

/// <summary>One candidate explanation, with what points to it and what to do about it.</summary>
public sealed record RootCause
{
    /// <summary>A stable machine name, e.g. oom-killed, crash-loop, drift-concept.</summary>
    public string Category { get; init; } = "";
    public string Title { get; init; } = "";

    /// <summary>0..1.</summary>
    public double Likelihood { get; init; }
    public IReadOnlyList<string> Evidence { get; init; } = [];
    public string Remediation { get; init; } = "";
    public CauseScope Scope { get; init; }
}

/// <summary>What left the process: the text sent to the analyst, and what was masked in it.</summary>
public sealed record RedactionSummary
{
    public string SentText { get; init; } = "";
    public IReadOnlyList<MaskedItem> Masked { get; init; } = [];
}

public sealed record MaskedItem(string Kind, int Count);

/// <summary>The answer of an analysis: ranked root causes, urgency and scope, and how it was produced.</summary>
public sealed record AnalysisReport
{
    public IncidentDomain Domain { get; init; }
    public string Summary { get; init; } = "";
    public Urgency Urgency { get; init; } = Urgency.P2;
    public CauseScope Scope { get; init; }
    public IReadOnlyList<RootCause> RootCauses { get; init; } = [];

    /// <summary>rules, or the LLM's provider.</summary>
    public string Analyst { get; init; } = "rules";
    public string? Model { get; init; }

    /// <summary>Why the rules answered when an LLM was configured (timeout, error, 429, unusable answer).</summary>
    public string? Fallback { get; init; }

    /// <summary>A CI failure's commits and files since the last green run (redacted, as sent), shown with the report.</summary>
    public CiChangeSet? ChangesSinceLastGreen { get; init; }

    public RedactionSummary Redaction { get; init; } = new();
    public IReadOnlyList<string> Truncations { get; init; } = [];
    public long LatencyMilliseconds { get; init; }
    public int? InputTokens { get; init; }
    public int? OutputTokens { get; init; }
    public DateTimeOffset GeneratedAt { get; init; }
}
