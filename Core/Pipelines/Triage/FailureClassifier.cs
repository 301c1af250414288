using System.Text.RegularExpressions;

namespace MlOpsDashboard.Core.Pipelines.Triage;

public sealed record EvidenceLine(int LineNumber, string Text);

public sealed record FailureClassification(
    FailureCategory Category,
    string JobName,
    string StepName,
    IReadOnlyList<EvidenceLine> Evidence,
    string Reason)
{
    public string Title => FailureCategories.Title(Category);

    public string NextStep => FailureCategories.NextStep(Category);
}

/// <summary>
/// Classifies a failed step from its name and its log: each category has step-name hints and
/// log patterns; a log match weighs more than a name hint (a "Build" step can fail on a
/// restore error), and the lines that matched are kept as the evidence a person checks.
/// Offline and deterministic: the AI analysis (/analyses) goes deeper when asked.
/// </summary>
public static partial class FailureClassifier
{
    public const int MaxEvidenceLines = 8;
    private const int NameWeight = 2;
    private const int LineWeight = 3;

    private sealed record Rule(FailureCategory Category, Regex StepName, Regex Line);

    private static readonly Rule[] Rules =
    [
        new(FailureCategory.Compile, StepCompile(), LineCompile()),
        new(FailureCategory.TestFailure, StepTest(), LineTest()),
        new(FailureCategory.Dependency, StepDependency(), LineDependency()),
        new(FailureCategory.SecurityFinding, StepSecurity(), LineSecurity()),
        new(FailureCategory.ModelBelowThreshold, StepModel(), LineModel()),
        new(FailureCategory.ManifestError, StepManifest(), LineManifest()),
    ];

    public static FailureClassification Classify(string jobName, string stepName, string? log)
    {
        var lines = AnsiText.Strip(log ?? "").Split('\n').Select((text, index) => new EvidenceLine(index + 1, WithoutTimestamp(text).Trim())).ToList();
        var scored = Rules.Select(rule =>
        {
            var matches = lines.Where(l => l.Text.Length > 0 && rule.Line.IsMatch(l.Text)).ToList();
            var nameHit = rule.StepName.IsMatch(stepName) || rule.StepName.IsMatch(jobName);
            return (rule.Category, matches, nameHit, Score: (nameHit ? NameWeight : 0) + Math.Min(matches.Count, 5) * LineWeight);
        }).Where(s => s.Score > 0).OrderByDescending(s => s.Score).ToList();

        var errorLines = lines.Where(l => l.Text.StartsWith("##[error]", StringComparison.Ordinal)).ToList();
        if (scored.Count == 0)
        {
            return new(FailureCategory.Unknown, jobName, stepName, [.. errorLines.TakeLast(MaxEvidenceLines)], "No known pattern in the step name or log.");
        }
        var best = scored[0];
        var evidence = best.matches.Concat(errorLines).DistinctBy(l => l.LineNumber).OrderBy(l => l.LineNumber).Take(MaxEvidenceLines).ToList();
        var reason = (best.nameHit, best.matches.Count) switch
        {
            (true, > 0) => $"step '{stepName}' and {best.matches.Count} matching log line(s)",
            (false, > 0) => $"{best.matches.Count} matching log line(s)",
            _ => $"the step name '{stepName}' (no matching log line)",
        };
        return new(best.Category, jobName, stepName, evidence, reason);
    }

    public static FailureClassification Classify(PipelineJob job, string? log) =>
        Classify(job.Name, job.FailingStep?.Name ?? "", log);

    /// <summary>GitHub prefixes each line with an ISO timestamp; evidence reads better without it.</summary>
    private static string WithoutTimestamp(string line) => Timestamp().Replace(line, "");

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\s?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b(build|compile)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StepCompile();

    [GeneratedRegex(@"error (CS|MSB|FS|BC)\d{4}|Build FAILED|error TS\d+:|compilation (failed|terminated)", RegexOptions.IgnoreCase)]
    private static partial Regex LineCompile();

    [GeneratedRegex(@"\b(test|tests|pytest|xunit)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StepTest();

    [GeneratedRegex(@"^\s*Failed [\w.]+\(?.*\[\d|\[FAIL\]|Assert\.\w+\(\) Failure|Failed!\s+-\s+Failed:\s+[1-9]|Test Run Failed|\d+ failed,|^FAILED \S+::", RegexOptions.IgnoreCase)]
    private static partial Regex LineTest();

    [GeneratedRegex(@"\b(restore|install|dependencies|setup)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StepDependency();

    [GeneratedRegex(@"error NU\d{4}|Unable to (find|resolve|load the service index)|npm ERR!|E: Unable to locate package|Could not resolve dependencies|No matching distribution found|package .* (not found|could not be found)", RegexOptions.IgnoreCase)]
    private static partial Regex LineDependency();

    [GeneratedRegex(@"codeql|gitleaks|trivy|vulnerab|security|secret|dependency.review|scan", RegexOptions.IgnoreCase)]
    private static partial Regex StepSecurity();

    [GeneratedRegex(@"has the following vulnerable packages|\bCVE-\d{4}-\d+|\bGHSA-[\w-]+|CRITICAL:\s*[1-9]|leaks? found|Finding:\s|Secret:\s|Dependency review detected", RegexOptions.IgnoreCase)]
    private static partial Regex LineSecurity();

    [GeneratedRegex(@"evaluat|quality.gate|threshold|train", RegexOptions.IgnoreCase)]
    private static partial Regex StepModel();

    [GeneratedRegex(@"below (the )?(threshold|minimum)|quality gate (failed|not met)|--min-(f1|auc|r2|apfd)|--max-mae|\b(f1|auc|r2|mae|apfd)\s*[=:]\s*[\d.]+\s*(<|>)", RegexOptions.IgnoreCase)]
    private static partial Regex LineModel();

    [GeneratedRegex(@"manifest|overlay|kustomize|gitops|staging", RegexOptions.IgnoreCase)]
    private static partial Regex StepManifest();

    [GeneratedRegex(@"kustomize|yq: ?Error|error converting YAML|accumulating resources|failed to push some refs|\[rejected\]|did not find expected key|mapping values are not allowed|no such file or directory:? .*overlays", RegexOptions.IgnoreCase)]
    private static partial Regex LineManifest();
}
