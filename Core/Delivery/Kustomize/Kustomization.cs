using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

internal sealed record LabelArgs(Dictionary<string, string> Pairs, bool IncludeSelectors, bool IncludeTemplates);

internal sealed record ImageArgs(string Name, string? NewName, string? NewTag, string? Digest);

internal sealed record ReplicaArgs(string Name, long Count, string Field);

internal sealed record GeneratorOptions(
    Dictionary<string, string> Labels, Dictionary<string, string> Annotations, bool DisableNameSuffixHash, bool Immutable);

internal sealed record GeneratorArgs(
    string Name, string? Namespace, string Behavior, List<string> Literals, List<string> Files, List<string> Envs,
    string? Type, GeneratorOptions? Options, string Field);

internal sealed record PatchSelector(
    string? Group, string? Version, string? Kind, string? Name, string? Namespace, string? LabelSelector, string? AnnotationSelector);

/// <summary>One patch: inline text or a file path, an optional target, and where it was declared.</summary>
internal sealed record PatchArgs(
    string? Path, string? Patch, PatchSelector? Target, bool AllowNameChange, bool AllowKindChange, bool JsonOnly, string Field);

/// <summary>
/// A parsed kustomization file: the subset of kustomize v5 fields this renderer implements.
/// Any other field fails with its name and file rather than being silently ignored.
/// </summary>
internal sealed class Kustomization
{
    public static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public required string File { get; init; }

    public required string Directory { get; init; }

    public List<string> Resources { get; private init; } = [];

    public string? Namespace { get; private init; }

    public string NamePrefix { get; private init; } = "";

    public string NameSuffix { get; private init; } = "";

    public Dictionary<string, string> CommonLabels { get; private init; } = [];

    public Dictionary<string, string> CommonAnnotations { get; private init; } = [];

    public List<LabelArgs> Labels { get; private init; } = [];

    public List<ImageArgs> Images { get; private init; } = [];

    public List<ReplicaArgs> Replicas { get; private init; } = [];

    public List<GeneratorArgs> ConfigMapGenerator { get; private init; } = [];

    public List<GeneratorArgs> SecretGenerator { get; private init; } = [];

    public List<PatchArgs> PatchesStrategicMerge { get; private init; } = [];

    public List<PatchArgs> Patches { get; private init; } = [];

    public List<PatchArgs> PatchesJson6902 { get; private init; } = [];

    /// <summary>"legacy" (kustomize's default) or "fifo"; honoured only on the kustomization being built.</summary>
    public string SortOrder { get; private init; } = "legacy";

    public (List<string> First, List<string> Last)? LegacyOrder { get; private init; }

    /// <summary>Reads a file that must lie inside this kustomization's folder (kustomize's default load restrictor).</summary>
    public byte[] ReadLocalFile(IManifestSource source, string relative, string field)
    {
        if (relative.Contains("://", StringComparison.Ordinal))
        {
            throw new KustomizeException($"remote file '{relative}' is not supported by the dashboard's kustomize renderer", File, field);
        }
        var path = ManifestPath.Combine(Directory, relative);
        if (!ManifestPath.IsWithin(path, Directory))
        {
            throw new KustomizeException($"security; file '{path}' is not in or below '{Directory}'", File, field);
        }
        if (source.GetEntryKind(path) != ManifestEntryKind.File)
        {
            throw new KustomizeException($"file '{path}' does not exist", File, field);
        }
        return source.ReadFile(path);
    }

    public static Kustomization Parse(JsonObject document, string file)
    {
        var r = new FieldReader(document, file, "");
        var kind = r.String("kind");
        if (kind is "Component")
        {
            throw r.Error("kind", "kustomize Components are not supported by the dashboard's kustomize renderer");
        }
        if (kind is not (null or "" or "Kustomization"))
        {
            throw r.Error("kind", $"expected Kustomization, found {kind}");
        }
        r.String("apiVersion");
        r.Object("metadata");
        foreach (var unsupported in new[]
        {
            "components", "crds", "configurations", "generators", "transformers", "validators", "vars", "replacements",
            "helmCharts", "helmGlobals", "helmChartInflationGenerator", "openapi", "buildMetadata", "imageTags",
        })
        {
            r.RejectUnsupported(unsupported);
        }
        var globalOptions = r.Object("generatorOptions") is { } o ? ReadOptions(o) : null;
        var (sortOrder, legacyOrder) = ReadSort(r.Object("sortOptions"));
        var k = new Kustomization
        {
            File = file,
            Directory = ManifestPath.Parent(file),
            // "bases" is the deprecated spelling of directory resources; kustomize appends it.
            Resources = [.. r.StringList("resources"), .. r.StringList("bases")],
            Namespace = r.String("namespace"),
            NamePrefix = r.String("namePrefix") ?? "",
            NameSuffix = r.String("nameSuffix") ?? "",
            CommonLabels = r.StringMap("commonLabels"),
            CommonAnnotations = r.StringMap("commonAnnotations"),
            Labels = r.Objects("labels").Select(ReadLabels).ToList(),
            Images = r.Objects("images").Select(ReadImage).ToList(),
            Replicas = r.Objects("replicas").Select(ReadReplica).ToList(),
            ConfigMapGenerator = r.Objects("configMapGenerator").Select(g => ReadGenerator(g, globalOptions, secret: false)).ToList(),
            SecretGenerator = r.Objects("secretGenerator").Select(g => ReadGenerator(g, globalOptions, secret: true)).ToList(),
            // Each entry is a file path or, spanning lines, an inline patch.
            PatchesStrategicMerge = r.StringList("patchesStrategicMerge")
                .Select((p, i) => p.Contains('\n')
                    ? new PatchArgs(null, p, null, false, false, false, $"patchesStrategicMerge[{i}]")
                    : new PatchArgs(p, null, null, false, false, false, $"patchesStrategicMerge[{i}]")).ToList(),
            Patches = r.Objects("patches").Select(p => ReadPatch(p, jsonOnly: false)).ToList(),
            PatchesJson6902 = r.Objects("patchesJson6902").Select(p => ReadPatch(p, jsonOnly: true)).ToList(),
            SortOrder = sortOrder,
            LegacyOrder = legacyOrder,
        };
        r.RejectUnknownFields();
        return k;
    }

    // kustomize's MergeGlobalOptionsIntoLocal: a generator's own labels and annotations win over
    // generatorOptions; either one disabling the hash or asking for immutability counts.
    private static GeneratorOptions? MergeOptions(GeneratorOptions? local, GeneratorOptions? global)
    {
        if (global is null)
        {
            return local;
        }
        local ??= new GeneratorOptions([], [], false, false);
        var labels = new Dictionary<string, string>(global.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in local.Labels)
        {
            labels[key] = value;
        }
        var annotations = new Dictionary<string, string>(global.Annotations, StringComparer.Ordinal);
        foreach (var (key, value) in local.Annotations)
        {
            annotations[key] = value;
        }
        return new GeneratorOptions(labels, annotations,
            local.DisableNameSuffixHash || global.DisableNameSuffixHash, local.Immutable || global.Immutable);
    }

    private static (string Order, (List<string>, List<string>)? Legacy) ReadSort(FieldReader? sort)
    {
        if (sort is null)
        {
            return ("legacy", null);
        }
        var order = sort.String("order") ?? "";
        var legacy = sort.Object("legacySortOptions");
        if (order is not ("legacy" or "fifo"))
        {
            throw sort.Error("order", "must be one of [fifo, legacy]");
        }
        if (order == "fifo" && legacy is not null)
        {
            throw sort.Error("legacySortOptions", "is set but the selected sort order is 'fifo', not 'legacy'");
        }
        (List<string>, List<string>)? custom = null;
        if (legacy is not null)
        {
            custom = (legacy.StringList("orderFirst"), legacy.StringList("orderLast"));
            legacy.RejectUnknownFields();
        }
        sort.RejectUnknownFields();
        return (order, custom);
    }

    private static LabelArgs ReadLabels(FieldReader r)
    {
        r.RejectUnsupported("fields");
        var args = new LabelArgs(r.StringMap("pairs"), r.Bool("includeSelectors"), r.Bool("includeTemplates"));
        r.RejectUnknownFields();
        return args;
    }

    private static ImageArgs ReadImage(FieldReader r)
    {
        var args = new ImageArgs(r.String("name") ?? "", r.String("newName"), r.String("newTag"), r.String("digest"));
        r.RejectUnknownFields();
        if (args.Name.Length == 0)
        {
            throw r.Error("name", "an image entry needs a name");
        }
        return args;
    }

    private static ReplicaArgs ReadReplica(FieldReader r)
    {
        var args = new ReplicaArgs(r.String("name") ?? "", r.Integer("count") ?? 0, r.Path);
        r.RejectUnknownFields();
        return args;
    }

    private static GeneratorOptions ReadOptions(FieldReader r)
    {
        var options = new GeneratorOptions(
            r.StringMap("labels"), r.StringMap("annotations"), r.Bool("disableNameSuffixHash"), r.Bool("immutable"));
        r.RejectUnknownFields();
        return options;
    }

    private static GeneratorArgs ReadGenerator(FieldReader r, GeneratorOptions? global, bool secret)
    {
        var behavior = r.String("behavior") ?? "";
        if (behavior is not ("" or "create" or "merge" or "replace"))
        {
            throw r.Error("behavior", "must be create, merge or replace");
        }
        var envs = r.StringList("envs");
        // "env" is the deprecated single-file spelling of "envs"; kustomize still accepts it.
        if (r.String("env") is { Length: > 0 } env)
        {
            envs.Add(env);
        }
        var args = new GeneratorArgs(
            r.String("name") ?? "", r.String("namespace"), behavior.Length == 0 ? "create" : behavior,
            r.StringList("literals"), r.StringList("files"), envs, secret ? r.String("type") : null,
            MergeOptions(r.Object("options") is { } options ? ReadOptions(options) : null, global), r.Path);
        r.RejectUnknownFields();
        return args;
    }

    private static PatchArgs ReadPatch(FieldReader r, bool jsonOnly)
    {
        var path = r.String("path");
        var patch = r.String("patch");
        var target = r.Object("target") is { } t ? ReadSelector(t) : null;
        var allowNameChange = false;
        var allowKindChange = false;
        if (r.Object("options") is { } options)
        {
            allowNameChange = options.Bool("allowNameChange");
            allowKindChange = options.Bool("allowKindChange");
            options.RejectUnsupported("allowNoTargetMatch");
            options.RejectUnknownFields();
        }
        r.RejectUnknownFields();
        if ((path is null) == (patch is null))
        {
            throw new KustomizeException("set exactly one of 'path' and 'patch'", r.File, r.Path);
        }
        if (jsonOnly && target is null)
        {
            throw r.Error("target", "a JSON 6902 patch needs a target");
        }
        return new PatchArgs(path, patch, target, allowNameChange, allowKindChange, jsonOnly, r.Path);
    }

    private static PatchSelector ReadSelector(FieldReader r)
    {
        var selector = new PatchSelector(
            r.String("group"), r.String("version"), r.String("kind"), r.String("name"), r.String("namespace"),
            r.String("labelSelector"), r.String("annotationSelector"));
        r.RejectUnknownFields();
        return selector;
    }
}
