using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Rules;

/// <summary>A rule's conclusion: a root cause and how urgent it is on its own.</summary>
public sealed record Finding(RootCause Cause, Urgency Urgency);

/// <summary>One k8sgpt-style analyzer: looks for one family of failures and explains what it finds.</summary>
public interface IIncidentRule
{
    IEnumerable<Finding> Evaluate(IncidentFacts facts);
}
