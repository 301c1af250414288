namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>One resource type the sandbox API serves, as discovery describes it.</summary>
/// <param name="Group">API group; empty for the core ("legacy") group.</param>
/// <param name="Custom">True for CRD-backed kinds: list items keep kind/apiVersion, as the real server does.</param>
public sealed record SandboxResource(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    bool Custom = false,
    IReadOnlyList<string>? ShortNames = null)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>The name Kubernetes uses in error messages and Status details: "pods", "applications.argoproj.io".</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    // Records compare every member; the catalog identifies a resource by group/version/plural alone.
    public bool Equals(SandboxResource? other) =>
        other is not null && Group == other.Group && Version == other.Version && Plural == other.Plural;

    public override int GetHashCode() => HashCode.Combine(Group, Version, Plural);

    public override string ToString() => $"{QualifiedPlural}/{Version}";
}

/// <summary>The resource types of the simulated K3s + Argo CD platform.</summary>
public static class SandboxResources
{
    public static readonly SandboxResource Namespaces = new("", "v1", "namespaces", "namespace", "Namespace", Namespaced: false, ShortNames: ["ns"]);
    public static readonly SandboxResource Nodes = new("", "v1", "nodes", "node", "Node", Namespaced: false, ShortNames: ["no"]);
    public static readonly SandboxResource Pods = new("", "v1", "pods", "pod", "Pod", Namespaced: true, ShortNames: ["po"]);
    public static readonly SandboxResource Events = new("", "v1", "events", "event", "Event", Namespaced: true, ShortNames: ["ev"]);
    public static readonly SandboxResource Deployments = new("apps", "v1", "deployments", "deployment", "Deployment", Namespaced: true, ShortNames: ["deploy"]);
    public static readonly SandboxResource Applications = new("argoproj.io", "v1alpha1", "applications", "application", "Application", Namespaced: true, Custom: true, ShortNames: ["app", "apps"]);

    public static IReadOnlyList<SandboxResource> All { get; } = [Namespaces, Nodes, Pods, Events, Deployments, Applications];

    public static SandboxResource? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    public static SandboxResource? FindByKind(string apiVersion, string kind) =>
        All.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);
}
