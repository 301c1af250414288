namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>Group, version and kind of an object, as kustomize identifies types.</summary>
internal readonly record struct Gvk(string Group, string Version, string Kind)
{
    public static Gvk FromApiVersion(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        return slash >= 0 ? new Gvk(apiVersion[..slash], apiVersion[(slash + 1)..], kind) : new Gvk("", apiVersion, kind);
    }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>
    /// Cluster-scoped per the Kubernetes schema kustomize v5 embeds; anything it does not know,
    /// custom resources included, counts as namespaced (and gets the namespace).
    /// </summary>
    public bool IsClusterScoped => ClusterScopedKinds.Contains(this);

    /// <summary>True when <paramref name="selector"/> leaves a field empty or equals it (kustomize's IsSelected).</summary>
    public bool IsSelectedBy(string? group, string? version, string? kind) =>
        (string.IsNullOrEmpty(group) || group == Group)
        && (string.IsNullOrEmpty(version) || version == Version)
        && (string.IsNullOrEmpty(kind) || kind == Kind);

    /// <summary>kustomize's legacy sort key: "group_version_kind" with "~G"/"~V"/"~K" for blanks.</summary>
    public string StableSortString =>
        $"{(Group.Length == 0 ? "~G" : Group)}_{(Version.Length == 0 ? "~V" : Version)}_{(Kind.Length == 0 ? "~K" : Kind)}";

    /// <summary>kustomize's Gvk.String(): "Kind.Version.Group" with "[noKind]" style blanks.</summary>
    public override string ToString() =>
        $"{(Kind.Length == 0 ? "[noKind]" : Kind)}.{(Version.Length == 0 ? "[noVer]" : Version)}.{(Group.Length == 0 ? "[noGrp]" : Group)}";

    private static readonly HashSet<Gvk> ClusterScopedKinds = BuildClusterScoped();

    private static HashSet<Gvk> BuildClusterScoped()
    {
        // (apiVersions, kinds): stable and beta versions only, as in kustomize's embedded schema
        // (verified against kubectl kustomize v5.5: alpha versions and newer kinds such as
        // ValidatingAdmissionPolicy get a namespace).
        (string[] ApiVersions, string[] Kinds)[] table =
        [
            (["v1"], ["Namespace", "Node", "PersistentVolume", "ComponentStatus"]),
            (["rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1"], ["ClusterRole", "ClusterRoleBinding"]),
            (["apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1"], ["CustomResourceDefinition"]),
            (["storage.k8s.io/v1", "storage.k8s.io/v1beta1"], ["StorageClass", "CSIDriver", "CSINode", "VolumeAttachment"]),
            (["scheduling.k8s.io/v1", "scheduling.k8s.io/v1beta1"], ["PriorityClass"]),
            (["admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1beta1"], ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]),
            (["apiregistration.k8s.io/v1", "apiregistration.k8s.io/v1beta1"], ["APIService"]),
            (["certificates.k8s.io/v1", "certificates.k8s.io/v1beta1"], ["CertificateSigningRequest"]),
            (["networking.k8s.io/v1", "networking.k8s.io/v1beta1"], ["IngressClass"]),
            (["node.k8s.io/v1", "node.k8s.io/v1beta1"], ["RuntimeClass"]),
            (["policy/v1beta1"], ["PodSecurityPolicy"]),
            (["flowcontrol.apiserver.k8s.io/v1beta1"], ["FlowSchema", "PriorityLevelConfiguration"]),
        ];
        var set = new HashSet<Gvk>();
        foreach (var (apiVersions, kinds) in table)
        {
            foreach (var apiVersion in apiVersions)
            {
                foreach (var kind in kinds)
                {
                    set.Add(FromApiVersion(apiVersion, kind));
                }
            }
        }
        return set;
    }
}

/// <summary>An object's identity: type, namespace and name.</summary>
internal readonly record struct ResId(Gvk Gvk, string Namespace, string Name)
{
    /// <summary>
    /// kustomize's EffectiveNamespace: cluster-scoped objects have none, and an empty namespace
    /// means "default", so the two compare equal.
    /// </summary>
    public string EffectiveNamespace => Gvk.IsClusterScoped ? "_non_namespaceable_" : Namespace.Length == 0 ? "default" : Namespace;

    public bool IsNsEquals(ResId other) => EffectiveNamespace == other.EffectiveNamespace;

    /// <summary>Same type, name and (effective) namespace.</summary>
    public bool Matches(ResId other) => Gvk == other.Gvk && Name == other.Name && IsNsEquals(other);

    /// <summary>kustomize's legacy sort string for objects of one type: "Kind.Version.Group|namespace|name".</summary>
    public string LegacySortString => $"{Gvk}|{(Namespace.Length == 0 ? "~X" : Namespace)}|{(Name.Length == 0 ? "~N" : Name)}";

    public override string ToString() => Namespace.Length == 0 ? $"{Gvk.Kind} {Name}" : $"{Gvk.Kind} {Namespace}/{Name}";
}
