using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents.Llm;
using MlOpsDashboard.Core.Incidents.Redaction;
using MlOpsDashboard.Core.Incidents.Rules;

namespace MlOpsDashboard.Core.Incidents.Analysis;

/// <summary>
/// Redaction, then the configured analyst, then the report. An LLM that times out, fails, is
/// rate-limited or answers nonsense is replaced by the rules analyst, and the report says why.
/// </summary>
public sealed class IncidentAnalyzer(
    Redactor redactor,
    RulesAnalyst rules,
    LlmAnalyst llm,
    IOptions<IncidentsOptions> options,
    TimeProvider clock,
    ILogger<IncidentAnalyzer> logger)
{
    public async Task<AnalysisReport> AnalyzeAsync(CapturedIncident incident, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (redacted, masked) = redactor.Redact(incident);
        var (contextText, truncations) = IncidentText.Render(redacted, options.Value.MaxContextChars);
        var request = new AnalysisRequest(redacted, contextText);
        AnalystAnswer answer;
        string? fallback = null;
        if (llm.IsConfigured)
        {
            try
            {
                answer = await llm.AnalyzeAsync(request, cancellationToken);
            }
            catch (LlmUnavailableException e)
            {
                logger.LogWarning("LLM analysis failed, using the rules analyst: {Reason}", e.Message);
                fallback = e.Message;
                answer = rules.Analyze(redacted) with { Prompt = e.Prompt };
            }
        }
        else
        {
            answer = rules.Analyze(redacted);
        }
        return new AnalysisReport
        {
            Domain = redacted.ResolvedDomain,
            Summary = answer.Summary,
            Urgency = answer.Urgency,
            Scope = answer.Scope,
            RootCauses = answer.RootCauses,
            Analyst = answer.Analyst,
            Model = answer.Model,
            Fallback = fallback,
            ChangesSinceLastGreen = redacted.Ci?.SinceLastGreen,
            Redaction = new RedactionSummary
            {
                SentText = answer.Prompt ?? contextText,
                Masked = [.. masked.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new MaskedItem(p.Key, p.Value))],
            },
            Truncations = truncations,
            LatencyMilliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            InputTokens = answer.InputTokens,
            OutputTokens = answer.OutputTokens,
            GeneratedAt = clock.GetUtcNow(),
        };
    }
}
