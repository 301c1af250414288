using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Dashboard.Tests.Sandbox.KubernetesApi;

/// <summary>
/// A started sandbox API server over a small copy of the platform (two nodes, a serving
/// deployment with one pod, an Argo CD application, an event) and a KubernetesClient for it.
/// </summary>
public sealed class SandboxCluster : IAsyncDisposable
{
    public const string Ml = "ml-serving";
    public const string ArgoCd = "argocd";

    private SandboxCluster(SandboxObjectStore store, SandboxKubernetesApiServer server, SandboxKubernetesApiEndpoint endpoint)
    {
        Store = store;
        Server = server;
        Endpoint = endpoint;
        Client = new Kubernetes(endpoint.ToClientConfiguration());
    }

    public SandboxObjectStore Store { get; }

    public SandboxKubernetesApiServer Server { get; }

    public SandboxKubernetesApiEndpoint Endpoint { get; }

    public Kubernetes Client { get; }

    public static async Task<SandboxCluster> StartAsync(SandboxKubernetesApiServerOptions? options = null, SandboxObjectStoreOptions? storeOptions = null)
    {
        var store = new SandboxObjectStore(storeOptions);
        Seed(store);
        var server = new SandboxKubernetesApiServer(store, options);
        var endpoint = await server.StartAsync(CancellationToken.None);
        return new SandboxCluster(store, server, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    public static V1Pod Pod(string name, string node, string phase = "Running", params string[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ml, Labels = new Dictionary<string, string> { ["app"] = "build-time" } },
        Spec = new V1PodSpec
        {
            NodeName = node,
            Containers = [.. (containers.Length == 0 ? ["predictor"] : containers).Select(c => new V1Container { Name = c, Image = "ghcr.io/example/build-time:1.4.0" })],
        },
        Status = new V1PodStatus { Phase = phase },
    };

    public static JsonObject Application(string name, string path) => new()
    {
        ["apiVersion"] = "argoproj.io/v1alpha1",
        ["kind"] = "Application",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ArgoCd },
        ["spec"] = new JsonObject
        {
            ["project"] = "default",
            ["source"] = new JsonObject { ["repoURL"] = "https://git.example/platform/manifests.git", ["path"] = path, ["targetRevision"] = "main" },
            ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = Ml },
            ["syncPolicy"] = new JsonObject { ["automated"] = new JsonObject { ["prune"] = true, ["selfHeal"] = true } },
        },
        ["status"] = new JsonObject
        {
            ["sync"] = new JsonObject { ["status"] = "Synced", ["revision"] = "4f2a9c1" },
            ["health"] = new JsonObject { ["status"] = "Healthy" },
        },
    };

    private static void Seed(SandboxObjectStore store)
    {
        foreach (var ns in new[] { Ml, ArgoCd })
        {
            store.Create(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        store.Create(Node("mac-m2", "arm64", new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "true" }));
        store.Create(Node("wsl-worker", "amd64", new Dictionary<string, string> { ["workload"] = "compute-intensive" }));
        store.Create(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "build-time", NamespaceProperty = Ml },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "build-time" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "build-time" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "predictor", Image = "ghcr.io/example/build-time:1.4.0" }] },
                },
            },
            Status = new V1DeploymentStatus { Replicas = 1, ReadyReplicas = 1 },
        });
        store.Create(Pod("build-time-7d9f8-abcde", "wsl-worker"));
        store.Create(SandboxResources.Applications, Application("build-time", "apps/build-time"));
        store.Create(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "build-time-7d9f8-abcde.17a1", NamespaceProperty = Ml },
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "build-time-7d9f8-abcde", NamespaceProperty = Ml },
            Reason = "Started",
            Message = "Started container predictor",
            Type = "Normal",
        });
    }

    private static V1Node Node(string name, string arch, Dictionary<string, string> labels)
    {
        labels["kubernetes.io/arch"] = arch;
        labels["kubernetes.io/hostname"] = name;
        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            Spec = new V1NodeSpec(),
            Status = new V1NodeStatus
            {
                NodeInfo = new V1NodeSystemInfo { Architecture = arch, KubeletVersion = "v1.31.4+k3s1", OperatingSystem = "linux" },
                Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
            },
        };
    }
}
