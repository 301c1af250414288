using System.Globalization;
using System.Text;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Reports;

/// <summary>
/// A report as Markdown, for the Analyses page and GitHub issues. Evidence is quoted from logs
/// (untrusted) and goes into code spans, so Markdown in a log line stays text.
/// </summary>
public static class ReportMarkdown
{
    public static string Render(AnalysisReport report, string? title = null)
    {
        var text = new StringBuilder();
        if (title is not null)
        {
            text.Append("## ").Append(title).Append("\n\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"**{report.Urgency}** · {report.Scope} · analyst {report.Analyst}{(report.Model is null ? "" : $" ({report.Model})")}\n\n");
        text.Append(report.Summary).Append("\n\n");
        if (report.Fallback is not null)
        {
            text.Append("> The LLM was not used: ").Append(report.Fallback).Append(" The offline rules answered.\n\n");
        }
        var rank = 1;
        foreach (var cause in report.RootCauses)
        {
            text.Append(CultureInfo.InvariantCulture, $"### {rank++}. {cause.Title} ({cause.Likelihood:P0})\n\n");
            text.Append("Evidence:\n\n");
            foreach (var evidence in cause.Evidence)
            {
                text.Append("- ").Append(CodeSpan(evidence)).Append('\n');
            }
            text.Append("\nRemediation: ").Append(cause.Remediation).Append("\n\n");
        }
        if (report.ChangesSinceLastGreen is { } changes)
        {
            Changes(text, changes);
        }
        if (report.Redaction.Masked.Count > 0)
        {
            text.Append("Masked before sending: ").Append(string.Join(", ", report.Redaction.Masked.Select(m => $"{m.Count} × {m.Kind}"))).Append("\n\n");
        }
        text.Append("_Suggested by the MLOps Dashboard. Nothing was changed; a person decides._\n");
        return text.ToString();
    }

    /// <summary>Commit messages and paths come from the repository (untrusted): code spans, as evidence.</summary>
    private static void Changes(StringBuilder text, CiChangeSet changes)
    {
        var range = CodeSpan($"{Short(changes.Base)}...{Short(changes.Head)}");
        text.Append("### What changed since the last green run\n\n");
        if (changes.Unavailable is { } reason)
        {
            text.Append("The comparison ").Append(range).Append(" is unavailable: ").Append(CodeSpan(reason)).Append("\n\n");
            return;
        }
        if (changes.TotalCommits == 0 && changes.Files.Count == 0)
        {
            text.Append("Nothing: the last green run built the same commit ").Append(CodeSpan(Short(changes.Head))).Append(".\n\n");
            return;
        }
        text.Append(CultureInfo.InvariantCulture, $"{changes.TotalCommits} commit(s) and {changes.TotalFiles}{(changes.MoreFilesThanListed ? "+" : "")} file(s) in ").Append(range);
        text.Append(changes.Commits.Count < changes.TotalCommits ? string.Create(CultureInfo.InvariantCulture, $"; the newest {changes.Commits.Count} commits shown") : "");
        text.Append(changes.Files.Count < changes.TotalFiles || changes.MoreFilesThanListed ? string.Create(CultureInfo.InvariantCulture, $"; {changes.Files.Count} files shown, those the log names first") : "");
        text.Append('.');
        // The comparison's own page, when it is a plain https address (the sanitizer would drop anything else anyway).
        if (Uri.TryCreate(changes.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && !changes.Url.Any(c => char.IsWhiteSpace(c) || c is '<' or '>'))
        {
            text.Append(" [Compare on GitHub](<").Append(changes.Url).Append(">)");
        }
        text.Append("\n\n");
        foreach (var commit in changes.Commits)
        {
            text.Append("- ").Append(CodeSpan($"{Short(commit.Sha)} {commit.Author}: {commit.Message}")).Append('\n');
        }
        if (changes.Files.Count > 0)
        {
            text.Append("\n| file | change |\n|---|---|\n");
            foreach (var file in changes.Files)
            {
                text.Append("| ").Append(CodeSpan(file.Path).Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ")
                    .Append(CultureInfo.InvariantCulture, $"{file.Status ?? "changed"}{(file.Additions is { } a ? $" +{a}" : "")}{(file.Deletions is { } d ? $" -{d}" : "")}").Append(" |\n");
            }
        }
        text.Append('\n');
    }

    private static string Short(string sha) => sha[..Math.Min(7, sha.Length)];

    /// <summary>A code span long enough to hold any backticks in the text.</summary>
    private static string CodeSpan(string text)
    {
        var single = text.Replace('\n', ' ').Replace('\r', ' ');
        var longest = 0;
        var run = 0;
        foreach (var c in single)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        return $"{fence} {single} {fence}";
    }
}
