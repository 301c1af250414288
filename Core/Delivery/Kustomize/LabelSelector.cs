namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// Kubernetes label selector strings ("a=b,c!=d,e in (x,y),f notin (z),g,!h"), used by patch
/// targets for labelSelector and annotationSelector.
/// </summary>
internal static class LabelSelector
{
    public static bool Matches(string? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return true;
        }
        return SplitRequirements(selector).All(requirement => MatchesOne(requirement.Trim(), labels, selector));
    }

    private static bool MatchesOne(string requirement, IReadOnlyDictionary<string, string> labels, string selector)
    {
        if (requirement.StartsWith('!'))
        {
            return !labels.ContainsKey(requirement[1..].Trim());
        }
        foreach (var (op, negate) in new[] { (" notin ", true), (" in ", false) })
        {
            var at = requirement.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = requirement[..at].Trim();
                var set = requirement[(at + op.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    throw new KustomizeException($"invalid selector '{selector}': expected a (value, ...) set");
                }
                var values = set[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
                var has = labels.TryGetValue(key, out var actual) && values.Contains(actual);
                return negate ? !has : has;
            }
        }
        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = requirement.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = requirement[..at].Trim();
                var value = requirement[(at + op.Length)..].Trim();
                var equal = labels.TryGetValue(key, out var actual) && actual == value;
                return negate ? !equal : equal;
            }
        }
        return labels.ContainsKey(requirement);
    }

    // Commas separate requirements except inside "( ... )" value sets.
    private static IEnumerable<string> SplitRequirements(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            switch (selector[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return selector[start..i];
                    start = i + 1;
                    break;
            }
        }
        yield return selector[start..];
    }
}
