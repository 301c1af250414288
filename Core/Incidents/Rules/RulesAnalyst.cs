using System.Globalization;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Rules;

/// <summary>
/// The default analyst: offline and deterministic, in the manner of k8sgpt's analyzers. Every
/// rule proposes causes with evidence; the most likely comes first.
/// </summary>
public sealed class RulesAnalyst(TimeProvider clock) : IAnalyst
{
    public const string AnalystName = "rules";

    private readonly IIncidentRule[] _rules =
    [
        new ContainerRules(),
        new SchedulingRules(),
        new ServiceRules(clock),
        new ModelDriftRules(),
        new CiFailureRules(),
    ];

    public string Name => AnalystName;

    public Task<AnalystAnswer> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Analyze(request.Incident));

    public AnalystAnswer Analyze(CapturedIncident incident)
    {
        var facts = new IncidentFacts(incident);
        var findings = _rules.SelectMany(r => r.Evaluate(facts))
            .GroupBy(f => f.Cause.Category)
            .Select(g => g.MaxBy(f => f.Cause.Likelihood)!)
            .OrderByDescending(f => f.Cause.Likelihood)
            .ThenBy(f => f.Urgency)
            .ThenBy(f => f.Cause.Category, StringComparer.Ordinal)
            .ToList();
        if (findings.Count == 0)
        {
            findings.Add(new Finding(new RootCause
            {
                Category = "no-known-pattern",
                Title = "No known failure pattern in the collected context",
                Likelihood = 0.1,
                Evidence = [.. new[] { incident.Alert?.Annotations.GetValueOrDefault("summary") }.OfType<string>(), .. incident.Events.TakeLast(3)],
                Remediation = "Widen the context (longer logs, the previous container, metrics) or ask the LLM analyst; check recent changes to the application.",
                Scope = CauseScope.Application,
            }, Urgency.P2));
        }
        var top = findings[0];
        var urgency = findings.Where(f => f.Cause.Likelihood >= 0.5).Select(f => f.Urgency).DefaultIfEmpty(top.Urgency).Min();
        if (incident.Alert?.Severity is "critical" && urgency > Urgency.P0)
        {
            urgency = Urgency.P0;
        }
        var others = findings.Skip(1).Take(2).Select(f => f.Cause.Title).ToList();
        return new AnalystAnswer
        {
            Summary = string.Create(CultureInfo.InvariantCulture, $"Most likely: {top.Cause.Title} ({top.Cause.Likelihood:P0}).")
                + (others.Count > 0 ? $" Also considered: {string.Join("; ", others)}." : ""),
            Urgency = urgency,
            Scope = top.Cause.Scope,
            RootCauses = [.. findings.Select(f => f.Cause)],
            Analyst = AnalystName,
        };
    }
}
