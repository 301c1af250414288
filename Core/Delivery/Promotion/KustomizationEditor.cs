using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlOpsDashboard.Core.Delivery.Promotion;

/// <summary>
/// Structured edits of a kustomization.yaml that keep every other byte: the parser finds the one
/// scalar node by its place in the document (images[name=…].newTag, a configMapGenerator
/// literal, replicas[name=…].count) and only that node's span is rewritten, in its own quoting
/// style. Comments, blank lines, key order and indentation are never re-emitted.
/// </summary>
public static partial class KustomizationEditor
{
    public static string? ReadImageTag(string text, string image) =>
        ImageEntry(Root(text), image)?.Child("newTag")?.Value;

    /// <summary>The names in images:, so a caller can pick or report them.</summary>
    public static IReadOnlyList<string> ImageNames(string text) =>
        [.. Sequence(Root(text), "images").OfType<YamlMappingNode>().Select(m => m.Child("name")?.Value).OfType<string>()];

    public static string SetImageTag(string text, string image, string tag)
    {
        var entry = ImageEntry(Root(text), image)
            ?? throw new KustomizationEditException($"no images entry named {image}");
        var node = entry.Child("newTag")
            ?? throw new KustomizationEditException($"images entry {image} has no newTag to change");
        return Replace(text, node, tag);
    }

    public static string? ReadLiteral(string text, string key) =>
        LiteralNode(Root(text), key)?.Value?[(key.Length + 1)..];

    public static string SetLiteral(string text, string key, string value)
    {
        var node = LiteralNode(Root(text), key)
            ?? throw new KustomizationEditException($"no configMapGenerator literal {key}=…");
        return Replace(text, node, $"{key}={value}");
    }

    public static string? ReadReplicas(string text, string workload) =>
        ReplicasEntry(Root(text), workload)?.Child("count")?.Value;

    /// <summary>The single workload named in replicas:, if there is exactly one.</summary>
    public static string? OnlyReplicasWorkload(string text) =>
        Sequence(Root(text), "replicas").OfType<YamlMappingNode>().Select(m => m.Child("name")?.Value).OfType<string>().ToList() is [var only] ? only : null;

    /// <summary>Changes a replicas count, or appends a replicas: block when the file has none.</summary>
    public static string SetReplicas(string text, string workload, int count)
    {
        var root = Root(text);
        if (ReplicasEntry(root, workload)?.Child("count") is { } node)
        {
            return Replace(text, node, count.ToString(System.Globalization.CultureInfo.InvariantCulture), raw: true);
        }
        if (root.Children.ContainsKey(new YamlScalarNode("replicas")))
        {
            throw new KustomizationEditException($"replicas: lists other workloads but not {workload}; add it there by hand");
        }
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var separator = text.Length == 0 || text.EndsWith('\n') ? "" : newline;
        return $"{text}{separator}replicas:{newline}  - name: {Format(workload, ScalarStyle.Plain)}{newline}    count: {count}{newline}";
    }

    private static YamlMappingNode Root(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KustomizationEditException($"not valid YAML ({e.Start}: {e.Message})");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new KustomizationEditException("not a single kustomization document");
        }
        return root;
    }

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode sequence ? sequence.Children : [];

    private static YamlMappingNode? ImageEntry(YamlMappingNode root, string image) =>
        Sequence(root, "images").OfType<YamlMappingNode>().FirstOrDefault(m => m.Child("name")?.Value == image);

    private static YamlMappingNode? ReplicasEntry(YamlMappingNode root, string workload) =>
        Sequence(root, "replicas").OfType<YamlMappingNode>().FirstOrDefault(m => m.Child("name")?.Value == workload);

    private static YamlScalarNode? LiteralNode(YamlMappingNode root, string key) =>
        Sequence(root, "configMapGenerator").OfType<YamlMappingNode>()
            .SelectMany(g => g.Children.TryGetValue(new YamlScalarNode("literals"), out var l) && l is YamlSequenceNode s ? s.Children : [])
            .OfType<YamlScalarNode>()
            .FirstOrDefault(s => s.Value?.StartsWith(key + "=", StringComparison.Ordinal) == true);

    private static YamlScalarNode? Child(this YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node as YamlScalarNode : null;

    /// <summary><paramref name="raw"/>: the value is meant as YAML as it stands (a count is an integer).</summary>
    private static string Replace(string text, YamlScalarNode node, string value, bool raw = false)
    {
        var start = (int)node.Start.Index;
        var end = (int)node.End.Index;
        return string.Concat(text.AsSpan(0, start), raw ? value : Format(value, node.Style), text.AsSpan(end));
    }

    /// <summary>The node's own style, unless a plain scalar would change type (1.10 read as a number).</summary>
    private static string Format(string value, ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'",
        ScalarStyle.DoubleQuoted => DoubleQuoted(value),
        _ when PlainSafe().IsMatch(value) && !NonString().IsMatch(value) => value,
        _ => DoubleQuoted(value),
    };

    private static string DoubleQuoted(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch { '"' => "\\\"", '\\' => "\\\\", _ => c.ToString() });
        }
        return builder.Append('"').ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_./][A-Za-z0-9_./=:+-]*$")]
    private static partial Regex PlainSafe();

    // YAML 1.1 reads these plain scalars as numbers, booleans or null; kustomize wants strings.
    [GeneratedRegex(@"^([-+]?(\d[\d_]*)?\.?\d[\d_]*([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$")]
    private static partial Regex NonString();
}

public sealed class KustomizationEditException(string message) : Exception(message);
