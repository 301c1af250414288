using System.Globalization;
using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Importers;

/// <summary>
/// Reads RETECS-style test verdict histories (iofrol.csv, dune-common; semicolon separated,
/// <c>Verdict</c> 1 = failed, <c>LastResults</c> = earlier verdicts newest first) into
/// <see cref="TestCaseExample"/>s ordered by cycle. Features use only what was known before the
/// cycle ran: the verdict list and, for the duration, the test's previous recorded duration
/// (a test's first run falls back to its own duration, as RETECS does).
/// </summary>
public static class TestVerdictImporter
{
    private const int RecentWindow = 5;

    public static IReadOnlyList<TestCaseExample> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileNameWithoutExtension(path), path);
    }

    public static IReadOnlyList<TestCaseExample> Read(TextReader reader, string project, string source)
    {
        var table = CsvTable.Read(reader, source, ';');
        table.Require("Name", "Duration", "LastResults", "Verdict", "Cycle");
        var rows = table.Rows
            .Select((row, index) => (Row: row, Index: index, Cycle: (long)table.Number(row, "Cycle")))
            .OrderBy(r => r.Cycle).ThenBy(r => r.Index)
            .ToList();
        var lastDuration = new Dictionary<string, double>(StringComparer.Ordinal);
        var lastCycle = new Dictionary<string, long>(StringComparer.Ordinal);
        var examples = new List<TestCaseExample>(rows.Count);
        foreach (var (row, _, cycle) in rows)
        {
            var name = table.Text(row, "Name");
            var duration = table.Number(row, "Duration");
            var verdict = table.Number(row, "Verdict");
            if (verdict is not (0 or 1))
            {
                throw new InvalidDataException($"{source}:{row.Line}: Verdict is {verdict}, expected 0 (passed) or 1 (failed).");
            }
            var history = ParseVerdicts(table.Text(row, "LastResults"), source, row.Line);
            var features = Describe(name, lastDuration.GetValueOrDefault(name, duration), history,
                lastCycle.TryGetValue(name, out var previous) ? cycle - previous - 1 : 0);
            examples.Add(new TestCaseExample(project, cycle, features, verdict == 1, duration));
            lastDuration[name] = duration;
            lastCycle[name] = cycle;
        }
        return examples;
    }

    /// <summary>Features of a test from its earlier verdicts, newest first (true = failed).</summary>
    public static TestCaseFeatures Describe(string name, double durationSeconds, IReadOnlyList<bool> history, double cyclesSinceLastRun)
    {
        var failures = history.Count(v => v);
        var streak = history.TakeWhile(v => v).Count();
        var sinceFailure = 0;
        while (sinceFailure < history.Count && !history[sinceFailure])
        {
            sinceFailure++;
        }
        var recent = history.Take(RecentWindow).ToList();
        return new TestCaseFeatures
        {
            Name = name,
            DurationSeconds = durationSeconds,
            PreviousRuns = history.Count,
            PreviousFailures = failures,
            LastRunFailed = history.Count == 0 ? null : history[0],
            RecentFailureRatio = recent.Count == 0 ? 0 : recent.Count(v => v) / (double)recent.Count,
            ConsecutiveFailures = streak,
            RunsSinceLastFailure = sinceFailure,
            CyclesSinceLastRun = cyclesSinceLastRun,
        };
    }

    private static List<bool> ParseVerdicts(string text, string source, int line)
    {
        var inner = text.Trim().TrimStart('[').TrimEnd(']');
        var verdicts = new List<bool>();
        foreach (var part in inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            verdicts.Add(int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v is 0 or 1
                ? v == 1
                : throw new InvalidDataException($"{source}:{line}: LastResults holds '{part}', expected 0 or 1."));
        }
        return verdicts;
    }
}
