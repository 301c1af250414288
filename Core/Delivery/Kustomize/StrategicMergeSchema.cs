namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// The patch merge keys of the built-in Kubernetes types (x-kubernetes-patch-merge-key in their
/// OpenAPI schema), which decide whether a list in a strategic merge patch merges or replaces.
/// Custom resources have no schema here, as in kustomize: their lists are replaced.
/// </summary>
internal static class StrategicMergeSchema
{
    private static readonly HashSet<string> BuiltinGroups =
    [
        "", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io",
        "scheduling.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io",
        "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "node.k8s.io",
        "flowcontrol.apiserver.k8s.io",
    ];

    // Lists of a pod spec, relative to it. "" marks a merged set of scalars.
    private static readonly Dictionary<string, string> PodSpecLists = BuildPodSpecLists();

    // Lists of ObjectMeta, relative to it.
    private static readonly Dictionary<string, string> MetadataLists = new(StringComparer.Ordinal)
    {
        ["finalizers"] = "",
        ["ownerReferences"] = "uid",
    };

    /// <summary>
    /// The merge key of the list at <paramref name="path"/> (map keys from the object root), ""
    /// for a merged set of scalars, or null when the patch's list replaces the object's.
    /// </summary>
    public static string? ListKey(Gvk gvk, IReadOnlyList<string> path)
    {
        if (!BuiltinGroups.Contains(gvk.Group))
        {
            return null;
        }
        var joined = string.Join('/', path);
        if (Relative(joined, "metadata") is { } meta && MetadataLists.TryGetValue(meta, out var metaKey))
        {
            return metaKey;
        }
        if (PodTemplateRoot(gvk) is { } template)
        {
            if (Relative(joined, $"{template}/metadata") is { } templateMeta && MetadataLists.TryGetValue(templateMeta, out var key))
            {
                return key;
            }
            if (Relative(joined, $"{template}/spec") is { } podPath && PodSpecLists.TryGetValue(podPath, out var podKey))
            {
                return podKey;
            }
        }
        if (gvk is { Group: "", Kind: "Pod" } && Relative(joined, "spec") is { } direct && PodSpecLists.TryGetValue(direct, out var podOwnKey))
        {
            return podOwnKey;
        }
        if (gvk is { Group: "", Kind: "Service" } && joined == "spec/ports")
        {
            return "port";
        }
        return null;
    }

    private static string? PodTemplateRoot(Gvk gvk) => (gvk.Group, gvk.Kind) switch
    {
        ("apps", "Deployment" or "ReplicaSet" or "DaemonSet" or "StatefulSet") => "spec/template",
        ("batch", "Job") => "spec/template",
        ("", "ReplicationController") => "spec/template",
        ("", "PodTemplate") => "template",
        ("batch", "CronJob") => "spec/jobTemplate/spec/template",
        _ => null,
    };

    private static string? Relative(string path, string root) =>
        path.StartsWith(root + "/", StringComparison.Ordinal) ? path[(root.Length + 1)..] : null;

    private static Dictionary<string, string> BuildPodSpecLists()
    {
        var lists = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["volumes"] = "name",
            ["imagePullSecrets"] = "name",
            ["hostAliases"] = "ip",
            ["topologySpreadConstraints"] = "topologyKey",
        };
        foreach (var containers in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            lists[containers] = "name";
            lists[$"{containers}/ports"] = "containerPort";
            lists[$"{containers}/env"] = "name";
            lists[$"{containers}/volumeMounts"] = "mountPath";
            lists[$"{containers}/volumeDevices"] = "devicePath";
        }
        return lists;
    }
}
