using System.Collections.Immutable;

namespace MlOpsDashboard.Core.Cluster;

/// <summary>The kinds the dashboard keeps live, one shared list-watch each.</summary>
public enum ClusterKind
{
    Nodes,
    Pods,
    Events,
    Applications,
}

/// <summary>What every watched object has: a place, a name and the version the API server gave it.</summary>
public abstract record ClusterObject(string Namespace, string Name, string ResourceVersion)
{
    public string Key => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}

public sealed record NodeTaint(string Key, string? Value, string Effect)
{
    public override string ToString() => Value is null ? $"{Key}:{Effect}" : $"{Key}={Value}:{Effect}";
}

public sealed record NodeCondition(string Type, string Status, string? Reason, string? Message);

/// <summary>A node as the Cluster page shows it. CPU in cores, memory in bytes.</summary>
public sealed record ClusterNode(
    string Name,
    string ResourceVersion,
    ImmutableArray<string> Roles,
    string Architecture,
    string OperatingSystem,
    string OsImage,
    string KubeletVersion,
    ImmutableSortedDictionary<string, string> Labels,
    ImmutableArray<NodeTaint> Taints,
    ImmutableArray<NodeCondition> Conditions,
    decimal AllocatableCpu,
    decimal AllocatableMemory,
    decimal? UsedCpu,
    decimal? UsedMemory) : ClusterObject("", Name, ResourceVersion)
{
    public bool IsControlPlane => Roles.Contains("control-plane");

    /// <summary>Ready=True; Unknown (the kubelet stopped posting) and False are both not ready.</summary>
    public bool IsReady => Conditions.Any(c => c.Type == "Ready" && c.Status == "True");

    public IEnumerable<NodeCondition> Pressures => Conditions.Where(c => c.Type.EndsWith("Pressure", StringComparison.Ordinal) && c.Status == "True");
}

public sealed record NodeRequirement(string Key, string Operator, ImmutableArray<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels) => Operator switch
    {
        "In" => labels.TryGetValue(Key, out var v) && Values.Contains(v),
        "NotIn" => !labels.TryGetValue(Key, out var v) || !Values.Contains(v),
        "Exists" => labels.ContainsKey(Key),
        "DoesNotExist" => !labels.ContainsKey(Key),
        _ => false,
    };

    public override string ToString() => $"{Key} {Operator} [{string.Join(", ", Values)}]";
}

public sealed record PodContainer(string Name, string Image, decimal RequestCpu, decimal RequestMemory, decimal LimitCpu, decimal LimitMemory);

public sealed record PodContainerStatus(string Name, bool Ready, int RestartCount, string State, string? Reason, string? Message, string? LastTerminationReason, int? LastExitCode);

/// <summary>A pod as the Cluster and Applications pages show it.</summary>
public sealed record ClusterPod(
    string Namespace,
    string Name,
    string ResourceVersion,
    string? NodeName,
    string Phase,
    ImmutableSortedDictionary<string, string> Labels,
    string? Workload,
    ImmutableArray<PodContainer> Containers,
    ImmutableArray<PodContainerStatus> ContainerStatuses,
    ImmutableSortedDictionary<string, string> NodeSelector,
    ImmutableArray<ImmutableArray<NodeRequirement>> RequiredNodeTerms,
    bool Ready,
    string? UnschedulableReason,
    DateTimeOffset? CreatedAt) : ClusterObject(Namespace, Name, ResourceVersion)
{
    /// <summary>The architectures the pod's nodeSelector or required node affinity allows; empty when any.</summary>
    public IEnumerable<string> RequiredArchitectures =>
        NodeSelector.TryGetValue("kubernetes.io/arch", out var arch) ? [arch]
        : RequiredNodeTerms.SelectMany(t => t).Where(r => r.Key == "kubernetes.io/arch" && r.Operator == "In").SelectMany(r => r.Values).Distinct(StringComparer.Ordinal);

    /// <summary>Whether the node's labels satisfy the pod's nodeSelector and required node affinity (taints aside).</summary>
    public bool CanRunOn(ClusterNode node) =>
        NodeSelector.All(s => node.Labels.TryGetValue(s.Key, out var v) && v == s.Value)
        && (RequiredNodeTerms.IsEmpty || RequiredNodeTerms.Any(term => term.All(r => r.Matches(node.Labels))));

    public int Restarts => ContainerStatuses.Sum(c => c.RestartCount);

    public decimal RequestCpu => Containers.Sum(c => c.RequestCpu);

    public decimal RequestMemory => Containers.Sum(c => c.RequestMemory);

    public decimal LimitCpu => Containers.Sum(c => c.LimitCpu);

    public decimal LimitMemory => Containers.Sum(c => c.LimitMemory);

    /// <summary>What kubectl get pods shows as STATUS: a waiting reason (CrashLoopBackOff) before the phase.</summary>
    public string Status =>
        ContainerStatuses.FirstOrDefault(c => c.State == "waiting" && c.Reason is not null)?.Reason
        ?? ContainerStatuses.FirstOrDefault(c => c.State == "terminated" && c.Reason is not null)?.Reason
        ?? Phase;
}

/// <summary>A core/v1 Event (kubelet, scheduler, Argo CD).</summary>
public sealed record ClusterEvent(
    string Namespace,
    string Name,
    string ResourceVersion,
    string InvolvedKind,
    string InvolvedName,
    string? InvolvedNamespace,
    string Type,
    string Reason,
    string Message,
    int Count,
    DateTimeOffset? LastSeen) : ClusterObject(Namespace, Name, ResourceVersion);
