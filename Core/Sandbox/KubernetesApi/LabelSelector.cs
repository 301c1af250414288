using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// A Kubernetes label selector in its query-string form: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>,
/// <c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c> (exists) and <c>!a</c> (does not exist), comma-separated (all must hold).
/// </summary>
public sealed class LabelSelector
{
    private enum Operator { Equals, NotEquals, In, NotIn, Exists, DoesNotExist }

    private sealed record Requirement(string Key, Operator Operator, IReadOnlySet<string> Values);

    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => _requirements.Count == 0;

    /// <exception cref="SandboxApiException">400 BadRequest when the selector cannot be parsed, as the API server answers.</exception>
    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }
        var requirements = new List<Requirement>();
        foreach (var term in SplitTerms(selector))
        {
            requirements.Add(ParseTerm(term.Trim(), selector));
        }
        return new LabelSelector(requirements);
    }

    public bool Matches(JsonObject obj) => MatchesLabels(obj["metadata"]?["labels"] as JsonObject);

    public bool MatchesLabels(JsonObject? labels)
    {
        foreach (var requirement in _requirements)
        {
            var value = labels?[requirement.Key]?.GetValue<string>();
            var holds = requirement.Operator switch
            {
                Operator.Equals or Operator.In => value is not null && requirement.Values.Contains(value),
                Operator.NotEquals or Operator.NotIn => value is null || !requirement.Values.Contains(value),
                Operator.Exists => value is not null,
                _ => value is null,
            };
            if (!holds)
            {
                return false;
            }
        }
        return true;
    }

    // Commas separate terms except inside the parentheses of in/notin.
    private static IEnumerable<string> SplitTerms(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }
        yield return selector[start..];
    }

    private static Requirement ParseTerm(string term, string selector)
    {
        if (term.Length == 0)
        {
            throw Invalid(selector);
        }
        if (term.StartsWith('!'))
        {
            return new Requirement(ValidKey(term[1..].Trim(), selector), Operator.DoesNotExist, EmptySet);
        }
        var setMatch = term.IndexOf('(');
        if (setMatch > 0 && term.EndsWith(')'))
        {
            var words = term[..setMatch].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 2 || words[1] is not ("in" or "notin"))
            {
                throw Invalid(selector);
            }
            var values = term[(setMatch + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new Requirement(ValidKey(words[0], selector), words[1] == "in" ? Operator.In : Operator.NotIn, values.ToHashSet(StringComparer.Ordinal));
        }
        foreach (var (token, op) in new[] { ("!=", Operator.NotEquals), ("==", Operator.Equals), ("=", Operator.Equals) })
        {
            var at = term.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                var value = term[(at + token.Length)..].Trim();
                return new Requirement(ValidKey(term[..at].Trim(), selector), op, new HashSet<string>(StringComparer.Ordinal) { value });
            }
        }
        return new Requirement(ValidKey(term, selector), Operator.Exists, EmptySet);
    }

    private static string ValidKey(string key, string selector) =>
        key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '=' or '!' or '(' or ')' or ',') ? throw Invalid(selector) : key;

    private static SandboxApiException Invalid(string selector) =>
        SandboxApiException.BadRequest($"unable to parse requirement: found '{selector}', expected: valid label selector");

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();
}
