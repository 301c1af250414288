namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>A kind of object that other objects refer to by name, and the fields that hold those names.</summary>
internal sealed record NameBackReference(string? Group, string? Version, string Kind, IReadOnlyList<FieldSpec> Referrers);

/// <summary>
/// kustomize v5's built-in field specs (api/konfig/builtinpluginconsts): where labels,
/// annotations, replicas and name references live in the built-in Kubernetes kinds.
/// </summary>
internal static class DefaultFieldSpecs
{
    private const string Apps = "apps";
    private const string Batch = "batch";
    private const string Rbac = "rbac.authorization.k8s.io";

    // Where each workload kind keeps its pod spec. (Declared first: static fields initialize in order.)
    private static readonly (string Kind, string? Version, string PodSpec)[] PodSpecHolders =
    [
        ("Pod", "v1", "spec"),
        ("Deployment", null, "spec/template/spec"),
        ("ReplicaSet", null, "spec/template/spec"),
        ("DaemonSet", null, "spec/template/spec"),
        ("StatefulSet", null, "spec/template/spec"),
        ("Job", null, "spec/template/spec"),
        ("CronJob", null, "spec/jobTemplate/spec/template/spec"),
    ];

    private static readonly (string Kind, string? Version, string PodSpec)[] PodSpecHoldersWithReplicationController =
    [
        .. PodSpecHolders,
        ("ReplicationController", null, "spec/template/spec"),
    ];

    private static FieldSpec F(string? kind, string path, bool create = false, string? group = null, string? version = null) =>
        new(group, version, kind, path, create);

    /// <summary>Pod template labels (labels with includeTemplates, and part of commonLabels).</summary>
    public static readonly IReadOnlyList<FieldSpec> TemplateLabels =
    [
        F(null, "metadata/labels", true),
        F("ReplicationController", "spec/template/metadata/labels", true, version: "v1"),
        F("Deployment", "spec/template/metadata/labels", true),
        F("ReplicaSet", "spec/template/metadata/labels", true),
        F("DaemonSet", "spec/template/metadata/labels", true),
        F("StatefulSet", "spec/template/metadata/labels", true, Apps),
        F("StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true, Apps),
        F("Job", "spec/template/metadata/labels", true, Batch),
        F("CronJob", "spec/jobTemplate/metadata/labels", true, Batch),
        F("CronJob", "spec/jobTemplate/spec/template/metadata/labels", true, Batch),
    ];

    /// <summary>commonLabels (and labels with includeSelectors): metadata, templates and selectors.</summary>
    public static readonly IReadOnlyList<FieldSpec> CommonLabels = BuildCommonLabels();

    public static readonly IReadOnlyList<FieldSpec> CommonAnnotations =
    [
        F(null, "metadata/annotations", true),
        F("ReplicationController", "spec/template/metadata/annotations", true, version: "v1"),
        F("Deployment", "spec/template/metadata/annotations", true),
        F("ReplicaSet", "spec/template/metadata/annotations", true),
        F("DaemonSet", "spec/template/metadata/annotations", true),
        F("StatefulSet", "spec/template/metadata/annotations", true),
        F("Job", "spec/template/metadata/annotations", true, Batch),
        F("CronJob", "spec/jobTemplate/metadata/annotations", true, Batch),
        F("CronJob", "spec/jobTemplate/spec/template/metadata/annotations", true, Batch),
    ];

    public static readonly IReadOnlyList<FieldSpec> Replicas =
    [
        F("Deployment", "spec/replicas", true),
        F("ReplicationController", "spec/replicas", true),
        F("ReplicaSet", "spec/replicas", true),
        F("StatefulSet", "spec/replicas", true),
    ];

    public static readonly IReadOnlyList<NameBackReference> NameReferences = BuildNameReferences();

    private static List<FieldSpec> BuildCommonLabels()
    {
        var specs = new List<FieldSpec>
        {
            F("Service", "spec/selector", true, version: "v1"),
            F("ReplicationController", "spec/selector", true, version: "v1"),
            F("Deployment", "spec/selector/matchLabels", true),
            F("ReplicaSet", "spec/selector/matchLabels", true),
            F("DaemonSet", "spec/selector/matchLabels", true),
            F("StatefulSet", "spec/selector/matchLabels", true, Apps),
            F("StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true, Apps),
            F("Job", "spec/selector/matchLabels", false, Batch),
            F("CronJob", "spec/jobTemplate/spec/selector/matchLabels", false, Batch),
            F("PodDisruptionBudget", "spec/selector/matchLabels", false, "policy"),
            F("NetworkPolicy", "spec/podSelector/matchLabels", false, "networking.k8s.io"),
            F("NetworkPolicy", "spec/ingress/from/podSelector/matchLabels", false, "networking.k8s.io"),
            F("NetworkPolicy", "spec/egress/to/podSelector/matchLabels", false, "networking.k8s.io"),
        };
        foreach (var kind in new[] { "Deployment", "StatefulSet" })
        {
            foreach (var affinity in new[] { "podAffinity", "podAntiAffinity" })
            {
                specs.Add(F(kind, $"spec/template/spec/affinity/{affinity}/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels", false, Apps));
                specs.Add(F(kind, $"spec/template/spec/affinity/{affinity}/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels", false, Apps));
            }
            specs.Add(F(kind, "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", false, Apps));
        }
        specs.AddRange(TemplateLabels);
        return specs;
    }

    private static IEnumerable<FieldSpec> InPodSpecs(
        IEnumerable<(string Kind, string? Version, string PodSpec)> holders, params string[] paths) =>
        holders.SelectMany(h => paths.Select(p => F(h.Kind, $"{h.PodSpec}/{p}", version: h.Version)));

    private static List<NameBackReference> BuildNameReferences()
    {
        const string Knative = "serving.knative.dev";
        const string Admission = "admissionregistration.k8s.io";
        var scaleTarget = new[] { F("HorizontalPodAutoscaler", "spec/scaleTargetRef/name") };
        var withoutPod = PodSpecHoldersWithReplicationController.Where(h => h.Kind != "Pod").ToArray();
        return
        [
            new(null, null, "Deployment", scaleTarget),
            new(null, null, "ReplicationController", scaleTarget),
            new(null, null, "ReplicaSet", scaleTarget),
            new(null, null, "StatefulSet", scaleTarget),
            new(null, "v1", "ConfigMap",
            [
                .. InPodSpecs(PodSpecHolders,
                    "volumes/configMap/name", "containers/env/valueFrom/configMapKeyRef/name",
                    "initContainers/env/valueFrom/configMapKeyRef/name", "containers/envFrom/configMapRef/name",
                    "initContainers/envFrom/configMapRef/name", "volumes/projected/sources/configMap/name"),
                F("Node", "spec/configSource/configMap"),
                F("Role", "rules/resourceNames"),
                F("ClusterRole", "rules/resourceNames"),
                F("Ingress", @"metadata/annotations/nginx.ingress.kubernetes.io\/fastcgi-params-configmap"),
                F("Service", "spec/template/spec/containers/env/valueFrom/configMapKeyRef/name", group: Knative, version: "v1"),
                F("Service", "spec/template/spec/containers/envFrom/configMapRef/name", group: Knative, version: "v1"),
            ]),
            new(null, "v1", "Secret",
            [
                .. InPodSpecs(PodSpecHolders,
                    "volumes/secret/secretName", "containers/env/valueFrom/secretKeyRef/name",
                    "initContainers/env/valueFrom/secretKeyRef/name", "containers/envFrom/secretRef/name",
                    "initContainers/envFrom/secretRef/name", "imagePullSecrets/name", "volumes/projected/sources/secret/name"),
                F("Ingress", "spec/tls/secretName"),
                F("Ingress", @"metadata/annotations/ingress.kubernetes.io\/auth-secret"),
                F("Ingress", @"metadata/annotations/nginx.ingress.kubernetes.io\/auth-secret"),
                F("Ingress", @"metadata/annotations/nginx.ingress.kubernetes.io\/auth-tls-secret"),
                F("ServiceAccount", "imagePullSecrets/name"),
                F("StorageClass", "parameters/secretName"),
                F("StorageClass", "parameters/adminSecretName"),
                F("StorageClass", "parameters/userSecretName"),
                F("StorageClass", "parameters/secretRef"),
                F("Role", "rules/resourceNames"),
                F("ClusterRole", "rules/resourceNames"),
                F("Service", "spec/template/spec/containers/env/valueFrom/secretKeyRef/name", group: Knative, version: "v1"),
                F("PersistentVolume", "spec/azureFile/secretName"),
            ]),
            new(null, "v1", "Service",
            [
                F("StatefulSet", "spec/serviceName", group: Apps),
                F("Ingress", "spec/rules/http/paths/backend/serviceName"),
                F("Ingress", "spec/backend/serviceName"),
                F("Ingress", "spec/rules/http/paths/backend/service/name"),
                F("Ingress", "spec/defaultBackend/service/name"),
                F("APIService", "spec/service/name", group: "apiregistration.k8s.io"),
                F("ValidatingWebhookConfiguration", "webhooks/clientConfig/service", group: Admission),
                F("MutatingWebhookConfiguration", "webhooks/clientConfig/service", group: Admission),
            ]),
            new(Rbac, null, "Role", [F("RoleBinding", "roleRef/name", group: Rbac)]),
            new(Rbac, null, "ClusterRole",
                [F("RoleBinding", "roleRef/name", group: Rbac), F("ClusterRoleBinding", "roleRef/name", group: Rbac)]),
            new(null, "v1", "ServiceAccount",
            [
                F("RoleBinding", "subjects", group: Rbac),
                F("ClusterRoleBinding", "subjects", group: Rbac),
                F("Pod", "spec/serviceAccountName"),
                .. withoutPod.Select(h => F(h.Kind, $"{h.PodSpec}/serviceAccountName")).Where(f => f.Kind != "ReplicaSet"),
            ]),
            new(null, "v1", "PersistentVolumeClaim",
            [
                F("Pod", "spec/volumes/persistentVolumeClaim/claimName"),
                .. withoutPod.Select(h => F(h.Kind, $"{h.PodSpec}/volumes/persistentVolumeClaim/claimName")).Where(f => f.Kind != "ReplicaSet"),
            ]),
            new(null, "v1", "PersistentVolume",
                [F("PersistentVolumeClaim", "spec/volumeName"), F("ClusterRole", "rules/resourceNames")]),
            new("storage.k8s.io", "v1", "StorageClass",
            [
                F("PersistentVolume", "spec/storageClassName"),
                F("PersistentVolumeClaim", "spec/storageClassName"),
                F("StatefulSet", "spec/volumeClaimTemplates/spec/storageClassName"),
            ]),
            new("scheduling.k8s.io", "v1", "PriorityClass",
            [
                F("Pod", "spec/priorityClassName"),
                .. withoutPod.Select(h => F(h.Kind, $"{h.PodSpec}/priorityClassName")).Where(f => f.Kind != "ReplicaSet"),
            ]),
            // kustomize spells this group "networking.k8s.io/v1", so the entry never matches; kept for parity.
            new("networking.k8s.io/v1", "v1", "IngressClass", [F("Ingress", "spec/ingressClassName")]),
        ];
    }
}
