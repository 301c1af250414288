using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// patches, patchesStrategicMerge and patchesJson6902: loads each patch, finds its targets (by a
/// selector, or by the patch's own kind and name) and applies it.
/// </summary>
internal static class Patches
{
    public static void Apply(IManifestSource source, Kustomization k, PatchArgs args, List<Resource> resources)
    {
        var (text, origin) = args.Path is { } path
            ? (ManifestYaml.DecodeUtf8(k.ReadLocalFile(source, path, $"{args.Field}.path"), path), ManifestPath.Combine(k.Directory, path))
            : (args.Patch!, k.File);
        var documents = ManifestYaml.Parse(text, origin, yaml11Booleans: false).Where(d => d is not null).ToList();
        if (documents is [JsonArray operations])
        {
            if (args.Target is null)
            {
                throw new KustomizeException("a JSON 6902 patch needs a target", k.File, args.Field);
            }
            var ops = JsonPatch.ReadOperations(operations, origin, args.Field);
            foreach (var r in Select(resources, args.Target, k.File, args.Field))
            {
                r.StorePreviousId();
                JsonPatch.Apply(r.Object, ops, origin, args.Field);
            }
            return;
        }
        if (args.JsonOnly)
        {
            throw new KustomizeException("expected a list of JSON 6902 operations", origin, args.Field);
        }
        if (documents.Count == 0 || documents.Any(d => d is not JsonObject))
        {
            throw new KustomizeException("neither a strategic merge patch (mappings) nor a JSON 6902 patch (one list of operations)", origin, args.Field);
        }
        foreach (var patch in documents.Cast<JsonObject>())
        {
            var targets = args.Target is null
                ? [FindById(resources, patch, origin, args.Field)]
                : Select(resources, args.Target, k.File, args.Field);
            foreach (var r in targets)
            {
                try
                {
                    ApplyStrategicMerge(resources, r, patch, args);
                }
                catch (KustomizeException e) when (e.File is null)
                {
                    throw new KustomizeException($"{e.Message} (patching {r.CurrentId})", origin, args.Field, e);
                }
            }
        }
    }

    private static void ApplyStrategicMerge(List<Resource> resources, Resource r, JsonObject patch, PatchArgs args)
    {
        var (apiVersion, kind, name, ns) = (r.ApiVersion, r.Kind, r.Name, r.Namespace);
        if (args.AllowNameChange || args.AllowKindChange)
        {
            r.StorePreviousId();
        }
        if (StrategicMerge.Apply(r.Object, patch, r.Gvk) is null)
        {
            resources.Remove(r);
            return;
        }
        r.Object["apiVersion"] = apiVersion;
        if (!args.AllowKindChange)
        {
            r.Object["kind"] = kind;
        }
        if (!args.AllowNameChange)
        {
            r.Name = name;
        }
        r.Namespace = ns;
    }

    // A patch without a target names its object: the same type and name, now or before a rename.
    private static Resource FindById(List<Resource> resources, JsonObject patch, string origin, string field)
    {
        var probe = new Resource(patch, origin);
        var id = probe.CurrentId;
        if (id.Gvk.Kind.Length == 0 || id.Name.Length == 0)
        {
            throw new KustomizeException("a strategic merge patch without a target needs kind and metadata.name", origin, field);
        }
        var matches = resources.Where(r => r.MatchesAnyId(id.Matches)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new KustomizeException($"no resource matches strategic merge patch \"{id.Gvk.Kind} {id.Name}\"", origin, field),
            _ => throw new KustomizeException($"multiple resources match strategic merge patch \"{id.Gvk.Kind} {id.Name}\": {string.Join(", ", matches)}", origin, field),
        };
    }

    /// <summary>kustomize's ResMap.Select: anchored regular expressions on group, version, kind, name and namespace, plus label and annotation selectors.</summary>
    public static List<Resource> Select(List<Resource> resources, PatchSelector selector, string file, string field)
    {
        var group = Anchored(selector.Group, file, field);
        var version = Anchored(selector.Version, file, field);
        var kind = Anchored(selector.Kind, file, field);
        var name = Anchored(selector.Name, file, field);
        var ns = Anchored(selector.Namespace, file, field);
        return resources.Where(r =>
        {
            var (current, original) = (r.CurrentId, r.OriginalId);
            var gvk = r.Gvk;
            return (ns is null || ns.IsMatch(original.EffectiveNamespace) || ns.IsMatch(current.EffectiveNamespace))
                && (name is null || name.IsMatch(original.Name) || name.IsMatch(current.Name))
                && (group is null || group.IsMatch(gvk.Group))
                && (version is null || version.IsMatch(gvk.Version))
                && (kind is null || kind.IsMatch(gvk.Kind))
                && LabelSelector.Matches(selector.LabelSelector, r.StringMap("labels"))
                && LabelSelector.Matches(selector.AnnotationSelector, r.StringMap("annotations"));
        }).ToList();
    }

    private static Regex? Anchored(string? pattern, string file, string field)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return null;
        }
        try
        {
            return new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new KustomizeException($"invalid regular expression '{pattern}': {e.Message}", file, $"{field}.target");
        }
    }
}
