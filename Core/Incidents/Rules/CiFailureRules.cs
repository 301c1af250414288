using System.Text.RegularExpressions;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Rules;

/// <summary>Classifies a failed CI job from its log: each class has its own tell-tale lines.</summary>
public sealed partial class CiFailureRules : IIncidentRule
{
    private sealed record FailureClass(string Category, string Title, Regex Pattern, double Likelihood, string Remediation, CauseScope Scope, Urgency Urgency, string Triage);

    private static readonly FailureClass[] Classes =
    [
        new("ci-security-finding", "A security scan found a vulnerability or a leaked secret", SecurityPattern(), 0.9,
            "Upgrade the vulnerable dependency or base image to a fixed version (or rotate and remove the leaked secret); do not suppress the finding without a reason.", CauseScope.Application, Urgency.P1, "SecurityFinding"),
        new("ci-model-below-threshold", "The trained model is below the promotion threshold", ModelGatePattern(), 0.9,
            "Compare the metrics with the last promoted run: check the training data window and feature changes before lowering any threshold.", CauseScope.Application, Urgency.P2, "ModelBelowThreshold"),
        new("ci-manifest-error", "The Kubernetes manifests do not build or validate", ManifestPattern(), 0.88,
            "Run kustomize build and kubeconform locally on the changed overlay and fix the field the error names.", CauseScope.Infrastructure, Urgency.P1, "ManifestError"),
        new("ci-dependency", "A dependency cannot be resolved or downloaded", DependencyPattern(), 0.86,
            "Pin the dependency to a version the registry serves, or restore the registry's reachability; check the lock file changed in this commit.", CauseScope.Infrastructure, Urgency.P2, "Dependency"),
        new("ci-compile", "The code does not compile", CompilePattern(), 0.88,
            "Fix the compile error at the file and line the log names; build locally before pushing.", CauseScope.Application, Urgency.P2, "Compile"),
        new("ci-test-failure", "Tests fail", TestPattern(), 0.85,
            "Run the failing tests locally; if the change is intended, update the tests, otherwise revert the change that broke them.", CauseScope.Application, Urgency.P2, "TestFailure"),
    ];

    public IEnumerable<Finding> Evaluate(IncidentFacts facts)
    {
        if (facts.Incident.Ci is not { } ci)
        {
            yield break;
        }
        var lines = ci.Log.Concat(facts.Incident.Observations).ToList();
        // A file changed since the last green run that the failing step's log names is where the cause most likely is.
        var named = ChangedFileMentions.Find(ci.ChangedFiles(), lines.Concat(ci.TriageEvidence));
        var matched = false;
        foreach (var failure in Classes)
        {
            var hits = lines.Where(l => failure.Pattern.IsMatch(l)).ToList();
            // The Pipelines triage classifier read the same log with its own patterns and the step name: agreement raises certainty.
            var triaged = string.Equals(ci.TriageCategory, failure.Triage, StringComparison.OrdinalIgnoreCase);
            if (hits.Count == 0 && !triaged)
            {
                continue;
            }
            matched = true;
            yield return new Finding(new RootCause
            {
                Category = failure.Category,
                Title = failure.Title,
                // More matching lines, a little more certainty; never past the class's ceiling.
                Likelihood = Math.Round(Math.Min(0.95, failure.Likelihood - (0.1 / Math.Max(hits.Count, 1)) + (triaged ? 0.05 : 0) + (named.Count > 0 ? 0.03 : 0)), 3),
                Evidence =
                [
                    .. Context(ci),
                    .. triaged ? new[] { $"Triage classified the failure as {failure.Triage}." } : [],
                    .. hits.Take(4).Select(l => $"Log: {l}"),
                    .. triaged && hits.Count == 0 ? ci.TriageEvidence.Take(4).Select(l => $"Log {l}") : [],
                    .. Changes(ci, named),
                    .. ci.LastGreenRun is { } green ? new[] { $"Last green run: {green}." } : [],
                ],
                Remediation = failure.Remediation + StartWith(named),
                Scope = failure.Scope,
            }, failure.Urgency);
        }
        if (!matched)
        {
            yield return new Finding(new RootCause
            {
                Category = "ci-unknown",
                Title = $"Step {ci.FailingStep ?? "?"} failed with exit code {ci.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} and no known failure pattern",
                Likelihood = 0.3,
                Evidence = [.. Context(ci), .. ci.Log.TakeLast(4).Select(l => $"Log: {l}"), .. Changes(ci, named)],
                Remediation = "Read the step's full log; re-run once to rule out a flaky runner." + StartWith(named),
                Scope = CauseScope.Infrastructure,
            }, Urgency.P2);
        }
    }

    /// <summary>The changed files the log names, each with the line naming it; then the rest of the change, briefly.</summary>
    private static IEnumerable<string> Changes(CiContext ci, IReadOnlyList<(CiFileChange File, string Line)> named)
    {
        foreach (var (file, line) in named.Take(3))
        {
            yield return $"Changed since the last green run and named by the failing step: {file} — {line.Trim()}";
        }
        var others = ci.ChangedFiles().Where(f => !named.Any(n => n.File.Path == f.Path)).Select(f => f.Path).ToList();
        var commits = ci.SinceLastGreen is { TotalCommits: > 0 } changes ? $" in {changes.TotalCommits} commit(s)" : "";
        if (others.Count > 0)
        {
            yield return $"{(named.Count > 0 ? "Also changed" : "Changed")} since the last green run{commits}: {string.Join(", ", others.Take(8))}{(others.Count > 8 ? $" and {others.Count - 8} more" : "")}";
        }
        if (ci.SinceLastGreen is { Unavailable: { } reason })
        {
            yield return $"What changed since the last green run is unavailable: {reason}";
        }
        else if (ci.SinceLastGreen is { TotalCommits: 0, Files.Count: 0 })
        {
            yield return "Nothing changed since the last green run: it built the same commit (a flaky test or runner is likely).";
        }
    }

    private static string StartWith(IReadOnlyList<(CiFileChange File, string Line)> named) =>
        named.Count == 0 ? "" : $" Start with {string.Join(" and ", named.Take(2).Select(n => n.File.Path))}: changed since the last green run and named in the failing log.";

    private static IEnumerable<string> Context(CiContext ci)
    {
        if (ci.FailingStep is not null || ci.ExitCode is not null)
        {
            yield return $"{ci.Workflow} / {ci.Job}: step '{ci.FailingStep}' exited with {ci.ExitCode}.";
        }
    }

    [GeneratedRegex(@"CVE-\d{4}-\d+|vulnerabilit(y|ies) found|Total: \d+ \((CRITICAL|HIGH)|leaks? found|secret detected|gitleaks|trivy.*(CRITICAL|HIGH)", RegexOptions.IgnoreCase)]
    private static partial Regex SecurityPattern();

    [GeneratedRegex(@"below (the )?(promotion )?threshold|quality gate failed|(accuracy|f1|auc|r2|mae)\s*[:=]?\s*[0-9.]+\s*(<|is below)", RegexOptions.IgnoreCase)]
    private static partial Regex ModelGatePattern();

    [GeneratedRegex(@"kustomize|kubeconform|error validating|unknown field|yaml: (line|unmarshal)|invalid manifest|resource mapping not found", RegexOptions.IgnoreCase)]
    private static partial Regex ManifestPattern();

    [GeneratedRegex(@"NU1\d{3}|Unable to find package|could not resolve|No matching distribution|npm ERR! (404|code E)|ERESOLVE|failed to download|dependency resolution", RegexOptions.IgnoreCase)]
    private static partial Regex DependencyPattern();

    [GeneratedRegex(@"error CS\d{4}|error TS\d{4}|SyntaxError|cannot find symbol|compilation failed|Build FAILED|undefined reference", RegexOptions.IgnoreCase)]
    private static partial Regex CompilePattern();

    [GeneratedRegex(@"\bFAILED\b.*(test|::)|Failed!|AssertionError|Assert\.\w+\(\) Failure|\d+ (tests? )?failed|Tests? failed|--- FAIL:", RegexOptions.IgnoreCase)]
    private static partial Regex TestPattern();
}
