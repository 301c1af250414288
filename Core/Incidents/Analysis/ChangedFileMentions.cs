namespace MlOpsDashboard.Core.Incidents.Analysis;

/// <summary>
/// Which changed files a log names. Logs name a file by its repository path (often under the
/// runner's checkout, with backslashes on Windows), by its file name ("Models.razor.cs(57,43)"),
/// or, for a test, by the class the file is named after ("...Delivery.PromotionServiceTests.Promote_..."):
/// all three count; a short class name alone ("Program") is too common to count.
/// </summary>
public static class ChangedFileMentions
{
    private const int ShortestTypeName = 12;

    /// <summary>
    /// The changed files named by at least one of <paramref name="lines"/>, in the order of
    /// <paramref name="files"/>, each with the line that names it most precisely (its path rather
    /// than its class name), the first such line when several do.
    /// </summary>
    public static IReadOnlyList<(CiFileChange File, string Line)> Find(IEnumerable<CiFileChange> files, IEnumerable<string> lines)
    {
        var normalized = lines.Select(l => l.Replace('\\', '/')).Where(l => l.Length > 0).ToList();
        var found = new List<(CiFileChange, string)>();
        foreach (var file in files)
        {
            var best = normalized.Select(line => (Line: line, Strength: Strength(line, file.Path))).Where(m => m.Strength > 0)
                .OrderByDescending(m => m.Strength).FirstOrDefault();
            if (best.Line is not null)
            {
                found.Add((file, best.Line));
            }
        }
        return found;
    }

    public static bool Names(string line, string path) => Strength(line.Replace('\\', '/'), path) > 0;

    /// <summary>3: the path; 2: the file name; 1: the class the file is named after; 0: not named.</summary>
    private static int Strength(string line, string path)
    {
        if (path.Length == 0)
        {
            return 0;
        }
        if (ContainsToken(line, path, dotIsPart: true))
        {
            return 3;
        }
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (ContainsToken(line, name, dotIsPart: true))
        {
            return 2;
        }
        var type = name.Split('.')[0];
        return type.Length >= ShortestTypeName && ContainsToken(line, type, dotIsPart: false) ? 1 : 0;
    }

    /// <summary>
    /// <paramref name="token"/> not inside a longer word. For a path or file name a neighbouring dot
    /// makes it part of another name (Models.razor in Models.razor.cs); for a type name a dot is the
    /// namespace or member separator.
    /// </summary>
    private static bool ContainsToken(string line, string token, bool dotIsPart)
    {
        for (var at = line.IndexOf(token, StringComparison.Ordinal); at >= 0; at = line.IndexOf(token, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 ? ' ' : line[at - 1];
            var after = at + token.Length >= line.Length ? ' ' : line[at + token.Length];
            if (!IsWordChar(before, dotIsPart) && !IsWordChar(after, dotIsPart))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsWordChar(char c, bool dotIsPart) => char.IsLetterOrDigit(c) || c is '_' or '-' || (dotIsPart && c == '.');
}
