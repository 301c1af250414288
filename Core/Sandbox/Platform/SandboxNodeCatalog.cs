using k8s.Models;

namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>The two nodes of the platform (ARCHITECTURE.md, "The platform the sandbox reproduces").</summary>
public static class SandboxNodeCatalog
{
    public const string ControlPlane = "mac-m2";
    public const string Worker = "wsl-worker";
    public const string K3sVersion = "v1.31.4+k3s1";
    public const string ControlPlaneTaintKey = "node-role.kubernetes.io/control-plane";

    public static IReadOnlyList<V1Node> Create(DateTimeOffset now) =>
    [
        Node(ControlPlane, "arm64", "macOS 14 (Lima VM: Ubuntu 24.04.1 LTS)", cpu: 8, memoryGi: 10,
            labels: new Dictionary<string, string>
            {
                ["node-role.kubernetes.io/control-plane"] = "true",
                ["node-role.kubernetes.io/master"] = "true",
                ["workload"] = "platform",
            },
            taints: [new V1Taint { Effect = "NoSchedule", Key = ControlPlaneTaintKey, Value = "true" }], now),
        Node(Worker, "amd64", "Ubuntu 24.04.1 LTS (WSL2)", cpu: 10, memoryGi: 14,
            labels: new Dictionary<string, string> { ["workload"] = "compute-intensive" },
            taints: [], now),
    ];

    private static V1Node Node(string name, string arch, string osImage, int cpu, int memoryGi, Dictionary<string, string> labels, List<V1Taint> taints, DateTimeOffset now)
    {
        labels["kubernetes.io/hostname"] = name;
        labels["kubernetes.io/arch"] = arch;
        labels["kubernetes.io/os"] = "linux";
        labels["beta.kubernetes.io/arch"] = arch;
        labels["node.kubernetes.io/instance-type"] = "k3s";
        var capacity = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new($"{cpu}"),
            ["memory"] = new($"{memoryGi * 1024 + 512}Mi"),
            ["pods"] = new("110"),
        };
        var allocatable = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new($"{cpu}"),
            ["memory"] = new($"{memoryGi}Gi"),
            ["pods"] = new("110"),
        };
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta { Name = name, Labels = labels, Annotations = new Dictionary<string, string> { ["k3s.io/node-args"] = "[]" } },
            Spec = new V1NodeSpec { Taints = taints.Count > 0 ? taints : null, PodCIDR = name == ControlPlane ? "10.42.0.0/24" : "10.42.1.0/24" },
            Status = new V1NodeStatus
            {
                Capacity = capacity,
                Allocatable = allocatable,
                Conditions = NodeConditions.Healthy(now),
                NodeInfo = new V1NodeSystemInfo
                {
                    Architecture = arch,
                    OperatingSystem = "linux",
                    OsImage = osImage,
                    KernelVersion = arch == "arm64" ? "6.8.0-49-generic" : "5.15.167.4-microsoft-standard-WSL2",
                    KubeletVersion = K3sVersion,
                    KubeProxyVersion = K3sVersion,
                    ContainerRuntimeVersion = "containerd://1.7.23-k3s2",
                    MachineID = name,
                    SystemUUID = name,
                    BootID = name,
                },
                Addresses = [new V1NodeAddress { Address = name == ControlPlane ? "192.168.64.2" : "172.24.160.2", Type = "InternalIP" }, new V1NodeAddress { Address = name, Type = "Hostname" }],
            },
        };
    }
}

public static class NodeConditions
{
    public static List<V1NodeCondition> Healthy(DateTimeOffset now) =>
    [
        Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now),
        Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
        Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
        Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
    ];

    public static V1NodeCondition Condition(string type, string status, string reason, string message, DateTimeOffset now) =>
        new() { Status = status, Type = type, LastHeartbeatTime = now.UtcDateTime, LastTransitionTime = now.UtcDateTime, Message = message, Reason = reason };
}
