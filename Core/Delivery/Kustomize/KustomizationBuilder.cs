using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// Builds one kustomization directory: its resources (files and, recursively, other
/// kustomizations), then its generators, then its transformers in kustomize's fixed order.
/// </summary>
internal sealed class KustomizationBuilder(IManifestSource source)
{
    private readonly Stack<string> _building = new();

    public (Kustomization Kustomization, List<Resource> Resources) Build(string directory)
    {
        if (_building.Contains(directory))
        {
            throw new KustomizeException($"cycle: {string.Join(" -> ", _building.Reverse().Append(directory))}", directory);
        }
        _building.Push(directory);
        try
        {
            var k = Load(directory);
            var resources = new List<Resource>();
            for (var i = 0; i < k.Resources.Count; i++)
            {
                AddResources(k, k.Resources[i], $"resources[{i}]", resources);
            }
            foreach (var args in k.ConfigMapGenerator)
            {
                AddGenerated(resources, Generators.Generate(source, k, args, secret: false), args, k);
            }
            foreach (var args in k.SecretGenerator)
            {
                AddGenerated(resources, Generators.Generate(source, k, args, secret: true), args, k);
            }
            Transform(k, resources);
            return (k, resources);
        }
        finally
        {
            _building.Pop();
        }
    }

    private void Transform(Kustomization k, List<Resource> resources)
    {
        foreach (var patch in k.PatchesStrategicMerge)
        {
            Patches.Apply(source, k, patch, resources);
        }
        foreach (var patch in k.Patches)
        {
            Patches.Apply(source, k, patch, resources);
        }
        if (!string.IsNullOrEmpty(k.Namespace))
        {
            Transformers.SetNamespace(resources, k.Namespace, k.File);
        }
        Transformers.AddPrefixSuffix(resources, k.NamePrefix, k.NameSuffix);
        foreach (var label in k.Labels)
        {
            Transformers.SetMapEntries(resources, label.Pairs, Transformers.LabelSpecs(label));
        }
        Transformers.SetMapEntries(resources, k.CommonLabels, DefaultFieldSpecs.CommonLabels);
        Transformers.SetMapEntries(resources, k.CommonAnnotations, DefaultFieldSpecs.CommonAnnotations);
        foreach (var patch in k.PatchesJson6902)
        {
            Patches.Apply(source, k, patch, resources);
        }
        foreach (var replica in k.Replicas)
        {
            Transformers.SetReplicas(resources, replica, k.File);
        }
        foreach (var image in k.Images)
        {
            ImageTransformer.Apply(resources, image);
        }
    }

    private Kustomization Load(string directory)
    {
        var kind = source.GetEntryKind(directory);
        if (kind != ManifestEntryKind.Directory)
        {
            throw new KustomizeException(kind == ManifestEntryKind.None ? "no such directory" : "not a directory", directory);
        }
        var files = Kustomization.FileNames
            .Select(name => ManifestPath.Combine(directory, name))
            .Where(file => source.GetEntryKind(file) == ManifestEntryKind.File)
            .ToList();
        var file = files.Count switch
        {
            1 => files[0],
            0 => throw new KustomizeException($"no kustomization file ({string.Join(", ", Kustomization.FileNames)}) in '{directory}'", directory),
            _ => throw new KustomizeException($"found multiple kustomization files: {string.Join(", ", files)}", directory),
        };
        var documents = ManifestYaml.Parse(ManifestYaml.DecodeUtf8(source.ReadFile(file), file), file, yaml11Booleans: true);
        return documents switch
        {
            [JsonObject document] when document.Count > 0 => Kustomization.Parse(document, file),
            [] or [null] or [JsonObject] => throw new KustomizeException("kustomization file is empty", file),
            [_] => throw new KustomizeException("a kustomization must be a mapping", file),
            _ => throw new KustomizeException("a kustomization file must hold a single YAML document", file),
        };
    }

    private void AddResources(Kustomization k, string entry, string field, List<Resource> resources)
    {
        if (entry.Contains("://", StringComparison.Ordinal) || entry.StartsWith("git@", StringComparison.Ordinal)
            || entry.StartsWith("github.com/", StringComparison.Ordinal))
        {
            throw new KustomizeException($"remote resource '{entry}' is not supported by the dashboard's kustomize renderer", k.File, field);
        }
        string path;
        try
        {
            path = ManifestPath.Combine(k.Directory, entry);
        }
        catch (KustomizeException e)
        {
            throw new KustomizeException(e.Message, k.File, field);
        }
        switch (source.GetEntryKind(path))
        {
            case ManifestEntryKind.File:
                if (!ManifestPath.IsWithin(path, k.Directory))
                {
                    throw new KustomizeException($"security; file '{path}' is not in or below '{k.Directory}'", k.File, field);
                }
                foreach (var obj in ReadObjects(path))
                {
                    Append(resources, new Resource(obj, path), k.File, field);
                }
                break;
            case ManifestEntryKind.Directory:
                foreach (var r in Build(path).Resources)
                {
                    Append(resources, r, k.File, field);
                }
                break;
            default:
                throw new KustomizeException($"'{entry}' ({path}) does not exist", k.File, field);
        }
    }

    private IEnumerable<JsonObject> ReadObjects(string path)
    {
        foreach (var obj in ManifestYaml.ParseObjects(ManifestYaml.DecodeUtf8(source.ReadFile(path), path), path))
        {
            // A List (kind "List" or "...List" with items) contributes its items, as in kustomize.
            if (obj["kind"]?.ToString() is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
            {
                foreach (var item in items)
                {
                    yield return item as JsonObject ?? throw new KustomizeException($"an item of {kind} is not a mapping", path);
                }
                continue;
            }
            if (obj["kind"] is not JsonValue)
            {
                throw new KustomizeException("an object without 'kind'", path);
            }
            yield return obj;
        }
    }

    private static void Append(List<Resource> resources, Resource resource, string file, string field)
    {
        if (resources.FirstOrDefault(r => r.CurrentId.Matches(resource.CurrentId)) is { } existing)
        {
            throw new KustomizeException($"may not add resource with an already registered id: {resource.CurrentId} (from {resource.Origin}, already from {existing.Origin})", file, field);
        }
        resources.Add(resource);
    }

    // behavior: create adds the object; merge and replace change the one a base generated or declared.
    private static void AddGenerated(List<Resource> resources, Resource generated, GeneratorArgs args, Kustomization k)
    {
        var id = generated.CurrentId;
        var matches = resources.Where(r => r.MatchesAnyId(id.Matches)).ToList();
        if (matches.Count == 0)
        {
            if (args.Behavior != "create")
            {
                throw new KustomizeException($"{id} does not exist; cannot {args.Behavior}", k.File, args.Field);
            }
            resources.Add(generated);
            return;
        }
        if (matches.Count > 1)
        {
            throw new KustomizeException($"found multiple objects that could accept {args.Behavior} of {id}", k.File, args.Field);
        }
        if (args.Behavior == "create")
        {
            throw new KustomizeException($"{id} already exists; behavior must be merge or replace", k.File, args.Field);
        }
        var old = matches[0];
        var merged = generated.Object;
        MergeStringMap(merged, old.Object, "labels");
        MergeStringMap(merged, old.Object, "annotations");
        if (args.Behavior == "merge")
        {
            MergeData(merged, old.Object, "data");
            MergeData(merged, old.Object, "binaryData");
        }
        generated.Name = old.Name;
        generated.Namespace = old.Namespace;
        generated.CopyHistoryFrom(old);
        // Either side turning the hash off keeps it off.
        generated.NeedsHashSuffix = old.NeedsHashSuffix && generated.NeedsHashSuffix;
        resources[resources.IndexOf(old)] = generated;
    }

    // The new object's entries win over the old object's.
    private static void MergeStringMap(JsonObject target, JsonObject old, string field)
    {
        if (old["metadata"]?[field] is not JsonObject previous || previous.Count == 0)
        {
            return;
        }
        var metadata = (JsonObject)target["metadata"]!;
        var map = new JsonObject();
        foreach (var (key, value) in previous)
        {
            map[key] = value?.DeepClone();
        }
        if (metadata[field] is JsonObject current)
        {
            foreach (var (key, value) in current)
            {
                map[key] = value?.DeepClone();
            }
        }
        metadata[field] = map;
    }

    private static void MergeData(JsonObject target, JsonObject old, string field)
    {
        if (old[field] is not JsonObject previous || previous.Count == 0)
        {
            return;
        }
        var map = (JsonObject)previous.DeepClone();
        if (target[field] is JsonObject current)
        {
            foreach (var (key, value) in current)
            {
                map[key] = value?.DeepClone();
            }
        }
        target[field] = map;
    }
}
