using k8s.Models;
using MlOpsDashboard.Core.Sandbox.Platform;

namespace MlOpsDashboard.Dashboard.Tests.Sandbox.Platform;

public sealed class PodSchedulerTests
{
    private static readonly IReadOnlyList<V1Node> Nodes = SandboxNodeCatalog.Create(DateTimeOffset.UnixEpoch);
    private static readonly Dictionary<string, (decimal Cpu, decimal Memory)> Empty = [];

    [Fact]
    public void Schedule_NoToleration_AvoidsTaintedControlPlane()
    {
        var decision = PodScheduler.Schedule(Pod("500m", "1Gi"), Nodes, Empty);

        Assert.Equal(SandboxNodeCatalog.Worker, decision.NodeName);
    }

    [Fact]
    public void Schedule_TolerationAndHostnameSelector_LandsOnControlPlane()
    {
        var pod = Pod("500m", "512Mi");
        pod.NodeSelector = new Dictionary<string, string> { ["kubernetes.io/arch"] = "arm64" };
        pod.Tolerations = [new V1Toleration { Key = SandboxNodeCatalog.ControlPlaneTaintKey, OperatorProperty = "Exists", Effect = "NoSchedule" }];

        Assert.Equal(SandboxNodeCatalog.ControlPlane, PodScheduler.Schedule(pod, Nodes, Empty).NodeName);
    }

    [Fact]
    public void Schedule_RequiredAffinityToArm64WithoutToleration_UnschedulableWithSchedulerWording()
    {
        var pod = Pod("500m", "512Mi");
        pod.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/arch", OperatorProperty = "In", Values = ["arm64"] }] }],
                },
            },
        };

        var decision = PodScheduler.Schedule(pod, Nodes, Empty);

        Assert.False(decision.Scheduled);
        Assert.Equal(
            "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: true}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
            decision.Message);
    }

    [Fact]
    public void Schedule_RequestAboveWhatIsLeft_InsufficientMemory()
    {
        var used = new Dictionary<string, (decimal Cpu, decimal Memory)> { [SandboxNodeCatalog.Worker] = (1m, 12m * 1024 * 1024 * 1024) };

        var decision = PodScheduler.Schedule(Pod("1", "4Gi"), Nodes, used);

        Assert.False(decision.Scheduled);
        Assert.Contains("1 Insufficient memory", decision.Message);
    }

    [Theory]
    [InlineData("ghcr.io/example/model-serving:1.3.2", "arm64", false)]
    [InlineData("ghcr.io/example/model-serving:1.3.2", "amd64", true)]
    [InlineData("grafana/grafana:11.3.0", "arm64", true)]
    [InlineData("ghcr.io/example/legacy-metrics-exporter@sha256:abc", "arm64", false)]
    public void ImageCatalog_Architectures_FollowTheManifestList(string image, string arch, bool supported) =>
        Assert.Equal(supported, ImageCatalog.Supports(image, arch));

    private static V1PodSpec Pod(string cpu, string memory) => new()
    {
        Containers =
        [
            new V1Container
            {
                Name = "app",
                Image = "example/app:1",
                Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) } },
            },
        ],
    };
}
