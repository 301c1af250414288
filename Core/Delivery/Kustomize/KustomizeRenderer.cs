using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// Renders a kustomization the way <c>kubectl kustomize</c> (kustomize v5) does: the same
/// objects, in the same order, with generated names and their references included. Shared by the
/// live-vs-git diff (for any cluster) and the sandbox's Argo-like reconciler, which applies what this returns.
/// </summary>
public static class KustomizeRenderer
{
    private static readonly string[] DefaultOrderFirst =
    [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ];

    private static readonly string[] DefaultOrderLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    /// <summary>
    /// Builds the kustomization in the directory <paramref name="path"/> (repository-relative)
    /// of <paramref name="source"/>. Throws <see cref="KustomizeException"/> naming the file and
    /// field of anything broken or not supported.
    /// </summary>
    public static IReadOnlyList<JsonObject> Render(IManifestSource source, string path)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(path);
        var (top, resources) = new KustomizationBuilder(source).Build(ManifestPath.Normalize(path));
        // kustomize does these last, on the whole build: hashes see the final data and names,
        // and references are repaired after every rename.
        foreach (var r in resources.Where(r => r.NeedsHashSuffix))
        {
            var hash = KustomizeHasher.Hash(r.Object);
            r.StorePreviousId();
            r.Name = $"{r.Name}-{hash}";
        }
        NameReferences.Fix(resources);
        resources.RemoveAll(r => r.StringMap("annotations").TryGetValue("config.kubernetes.io/local-config", out var local) && local == "true");
        var ordered = top.SortOrder == "fifo" ? resources : LegacySort(resources, top.LegacyOrder);
        return ordered.Select(r => (JsonObject)ManifestYaml.Sorted(r.Object)!).ToList();
    }

    // kustomize's "legacy" order (its default): listed kinds first and last, everything else by
    // group/version/kind, then by namespace and name.
    private static List<Resource> LegacySort(List<Resource> resources, (List<string> First, List<string> Last)? custom)
    {
        var first = custom?.First ?? [.. DefaultOrderFirst];
        var last = custom?.Last ?? [.. DefaultOrderLast];
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < first.Count; i++)
        {
            rank[first[i]] = -first.Count + i;
        }
        for (var i = 0; i < last.Count; i++)
        {
            rank[last[i]] = 1 + i;
        }
        int Compare(Resource a, Resource b)
        {
            var (ga, gb) = (a.Gvk, b.Gvk);
            if (ga != gb)
            {
                var byRank = rank.GetValueOrDefault(ga.Kind).CompareTo(rank.GetValueOrDefault(gb.Kind));
                return byRank != 0 ? byRank : string.CompareOrdinal(ga.StableSortString, gb.StableSortString);
            }
            return string.CompareOrdinal(a.CurrentId.LegacySortString, b.CurrentId.LegacySortString);
        }
        return resources.Order(Comparer<Resource>.Create(Compare)).ToList();
    }
}
