using System.Text;

namespace MlOpsDashboard.Core.Cluster.Diff;

/// <summary>
/// A unified diff of two texts by line (longest common subsequence), in the format of
/// <c>diff -u</c> and <c>kubectl diff</c>: "---"/"+++" headers, "@@" hunks with context lines.
/// Manifests are a few hundred lines, so the quadratic table is small.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>"" when the texts are equal.</summary>
    public static string Create(string before, string after, string beforeLabel, string afterLabel, int context = 3)
    {
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        if (edits.All(e => e.Op == ' '))
        {
            return "";
        }
        var text = new StringBuilder();
        text.Append("--- ").Append(beforeLabel).Append('\n');
        text.Append("+++ ").Append(afterLabel).Append('\n');
        foreach (var (start, end) in Hunks(edits, context))
        {
            var oldStart = edits[start].OldLine;
            var newStart = edits[start].NewLine;
            var oldCount = 0;
            var newCount = 0;
            for (var i = start; i < end; i++)
            {
                oldCount += edits[i].Op != '+' ? 1 : 0;
                newCount += edits[i].Op != '-' ? 1 : 0;
            }
            text.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            for (var i = start; i < end; i++)
            {
                text.Append(edits[i].Op).Append(edits[i].Text).Append('\n');
            }
        }
        return text.ToString();
    }

    private readonly record struct Edit(char Op, string Text, int OldLine, int NewLine);

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    // diff -u numbers an empty range by the line before it.
    private static string Range(int start, int count) => count == 0 ? $"{start - 1},0" : count == 1 ? $"{start}" : $"{start},{count}";

    private static List<Edit> Edits(string[] a, string[] b)
    {
        // lcs[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var edits = new List<Edit>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add(new Edit(' ', a[x], x + 1, y + 1));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] > lcs[x + 1, y]))
            {
                edits.Add(new Edit('+', b[y], x + 1, y + 1));
                y++;
            }
            else
            {
                edits.Add(new Edit('-', a[x], x + 1, y + 1));
                x++;
            }
        }
        return edits;
    }

    /// <summary>Ranges of edits around changes, merged when their context would overlap.</summary>
    private static IEnumerable<(int Start, int End)> Hunks(List<Edit> edits, int context)
    {
        var changed = Enumerable.Range(0, edits.Count).Where(i => edits[i].Op != ' ').ToList();
        var start = Math.Max(0, changed[0] - context);
        var end = Math.Min(edits.Count, changed[0] + context + 1);
        foreach (var i in changed.Skip(1))
        {
            if (i - context > end)
            {
                yield return (start, end);
                start = i - context;
            }
            end = Math.Min(edits.Count, i + context + 1);
        }
        yield return (start, end);
    }
}
