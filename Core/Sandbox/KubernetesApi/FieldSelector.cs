using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// A Kubernetes field selector: comma-separated <c>path=value</c>, <c>path==value</c> or <c>path!=value</c>,
/// where path is a dotted JSON path such as <c>metadata.name</c>, <c>spec.nodeName</c>, <c>status.phase</c>
/// or <c>involvedObject.name</c>. A missing field compares as the empty string, as in Kubernetes.
/// </summary>
public sealed class FieldSelector
{
    private sealed record Requirement(string[] Path, bool Equal, string Value);

    private readonly IReadOnlyList<Requirement> _requirements;

    private FieldSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    /// <exception cref="SandboxApiException">400 BadRequest when the selector cannot be parsed.</exception>
    public static FieldSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }
        var requirements = new List<Requirement>();
        foreach (var term in selector.Split(',', StringSplitOptions.TrimEntries))
        {
            requirements.Add(ParseTerm(term, selector));
        }
        return new FieldSelector(requirements);
    }

    /// <summary>A selector for one object, as a watch on <c>.../pods/{name}</c> means.</summary>
    public static FieldSelector ForName(string name) => new([new Requirement(["metadata", "name"], true, name)]);

    public FieldSelector And(FieldSelector other) => new([.. _requirements, .. other._requirements]);

    public bool Matches(JsonObject obj)
    {
        foreach (var requirement in _requirements)
        {
            if ((ValueAt(obj, requirement.Path) == requirement.Value) != requirement.Equal)
            {
                return false;
            }
        }
        return true;
    }

    private static string ValueAt(JsonObject obj, string[] path)
    {
        JsonNode? node = obj;
        foreach (var segment in path)
        {
            node = (node as JsonObject)?[segment];
        }
        return node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => value.ToJsonString(),
            }
            : "";
    }

    private static Requirement ParseTerm(string term, string selector)
    {
        foreach (var (token, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var at = term.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                var path = term[..at].Trim().Split('.');
                if (path.Any(p => p.Length == 0))
                {
                    break;
                }
                return new Requirement(path, equal, term[(at + token.Length)..].Trim());
            }
        }
        throw SandboxApiException.BadRequest($"invalid selector: '{selector}'; can't understand '{term}'");
    }
}
