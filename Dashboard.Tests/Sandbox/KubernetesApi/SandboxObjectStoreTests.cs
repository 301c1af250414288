using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Dashboard.Tests.Sandbox.KubernetesApi;

public sealed class SandboxObjectStoreTests
{
    private const string Ns = "ml-serving";

    [Fact]
    public void Create_NewObject_StampsUidTimestampGenerationAndResourceVersion()
    {
        var time = new FixedTime(new DateTimeOffset(2026, 11, 24, 8, 30, 15, 250, TimeSpan.Zero));
        var store = new SandboxObjectStore(timeProvider: time);

        var created = store.Create(SandboxResources.Deployments, Deployment("build-time", replicas: 1));

        var metadata = created["metadata"]!;
        Assert.Equal("2026-11-24T08:30:15Z", metadata["creationTimestamp"]!.GetValue<string>());
        Assert.True(Guid.TryParse(metadata["uid"]!.GetValue<string>(), out _));
        Assert.Equal(1, metadata["generation"]!.GetValue<long>());
        Assert.Equal("1", metadata["resourceVersion"]!.GetValue<string>());
        Assert.Equal(("apps/v1", "Deployment"), (created["apiVersion"]!.GetValue<string>(), created["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void Create_Existing_ThrowsAlreadyExists()
    {
        var store = new SandboxObjectStore();
        store.Create(SandboxResources.Deployments, Deployment("build-time", 1));

        var error = Assert.Throws<SandboxApiException>(() => store.Create(SandboxResources.Deployments, Deployment("build-time", 1)));

        Assert.Equal((409, "AlreadyExists"), (error.Code, error.Reason));
    }

    [Fact]
    public void ResourceVersion_ChangesAcrossKinds_IncreasesGlobally()
    {
        var store = new SandboxObjectStore();

        var a = store.Create(SandboxResources.Deployments, Deployment("a", 1));
        var node = store.Create(new V1Node { Metadata = new V1ObjectMeta { Name = "mac-m2" } });
        var b = store.Patch(SandboxResources.Deployments, Ns, "a", JsonNode.Parse("""{"spec":{"replicas":2}}""")!);
        var deleted = store.Delete(SandboxResources.Deployments, Ns, "a");

        Assert.Equal(["1", "2", "3", "4"], new[] { a, b, deleted }.Select(o => o["metadata"]!["resourceVersion"]!.GetValue<string>()).Prepend(node.ResourceVersion()).Order());
        Assert.Equal(4, store.ResourceVersion);
    }

    [Fact]
    public void Mutate_SpecChanged_BumpsGeneration()
    {
        var store = new SandboxObjectStore();
        store.Create(SandboxResources.Deployments, Deployment("a", 1));

        var scaled = store.Mutate(SandboxResources.Deployments, Ns, "a", d => d["spec"]!["replicas"] = 3);
        var statusOnly = store.ReplaceStatus(SandboxResources.Deployments, Ns, "a", new JsonObject { ["readyReplicas"] = 3 });

        Assert.Equal(2, scaled["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(2, statusOnly["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(3, statusOnly["status"]!["readyReplicas"]!.GetValue<int>());
    }

    [Fact]
    public void Mutate_NoChange_KeepsResourceVersionAndRaisesNothing()
    {
        var store = new SandboxObjectStore();
        var created = store.Create(SandboxResources.Deployments, Deployment("a", 1));
        var raised = 0;
        store.Changed += (_, _) => raised++;

        var same = store.Mutate(SandboxResources.Deployments, Ns, "a", d => d["spec"]!["replicas"] = 1);

        Assert.Equal(created.ToJsonString(), same.ToJsonString());
        Assert.Equal(0, raised);
    }

    [Fact]
    public void Replace_StaleResourceVersion_ThrowsConflict()
    {
        var store = new SandboxObjectStore();
        var stale = store.Create(SandboxResources.Deployments, Deployment("a", 1));
        store.Mutate(SandboxResources.Deployments, Ns, "a", d => d["spec"]!["replicas"] = 2);

        var error = Assert.Throws<SandboxApiException>(() => store.Replace(SandboxResources.Deployments, stale));

        Assert.Equal((409, "Conflict"), (error.Code, error.Reason));
    }

    [Fact]
    public void Replace_IdentityFieldsInInput_AreKept()
    {
        var store = new SandboxObjectStore();
        var created = store.Create(SandboxResources.Deployments, Deployment("a", 1));
        var edited = (JsonObject)created.DeepClone();
        edited["metadata"]!["uid"] = "forged";
        edited["metadata"]!.AsObject().Remove("resourceVersion");
        edited["metadata"]!["labels"] = new JsonObject { ["tier"] = "serving" };

        var replaced = store.Replace(SandboxResources.Deployments, edited);

        Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), replaced["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("serving", replaced["metadata"]!["labels"]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public void Get_ReturnedObjectMutated_StoreUnaffected()
    {
        var store = new SandboxObjectStore();
        store.Create(SandboxResources.Deployments, Deployment("a", 1));

        store.Get(SandboxResources.Deployments, Ns, "a")!["spec"]!["replicas"] = 9;

        Assert.Equal(1, store.Get(SandboxResources.Deployments, Ns, "a")!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Patch_RenamesObject_ThrowsBadRequest()
    {
        var store = new SandboxObjectStore();
        store.Create(SandboxResources.Deployments, Deployment("a", 1));

        var error = Assert.Throws<SandboxApiException>(() => store.Patch(SandboxResources.Deployments, Ns, "a", JsonNode.Parse("""{"metadata":{"name":"b"}}""")!));

        Assert.Equal(400, error.Code);
    }

    [Fact]
    public void Delete_Missing_ThrowsNotFoundAndTryDeleteReturnsFalse()
    {
        var store = new SandboxObjectStore();

        var error = Assert.Throws<SandboxApiException>(() => store.Delete(SandboxResources.Pods, Ns, "gone"));

        Assert.Equal((404, "pods \"gone\" not found"), (error.Code, error.Message));
        Assert.False(store.TryDelete(SandboxResources.Pods, Ns, "gone"));
    }

    [Fact]
    public void List_NamespaceAndSelectors_Filter()
    {
        var store = new SandboxObjectStore();
        store.Create(SandboxCluster.Pod("a", "wsl-worker"));
        store.Create(SandboxCluster.Pod("b", "mac-m2", "Pending"));
        var other = SandboxCluster.Pod("c", "wsl-worker");
        other.Metadata.NamespaceProperty = "argocd";
        store.Create(other);

        var inNs = store.List(SandboxResources.Pods, Ns);
        var running = store.List(SandboxResources.Pods, fieldSelector: "status.phase=Running,metadata.namespace!=argocd");
        var typed = store.List<V1Pod>(labelSelector: "app=build-time,!missing");

        Assert.Equal(["a", "b"], inNs.Items.Select(p => p["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("a", Assert.Single(running.Items)["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(3, typed.Count);
        Assert.Equal(store.ResourceVersion, inNs.ResourceVersion);
    }

    [Fact]
    public void Changed_UserPatch_CarriesOriginAndPreviousState()
    {
        var store = new SandboxObjectStore();
        store.Create(SandboxResources.Applications, SandboxCluster.Application("build-time", "apps/build-time"));
        SandboxObjectChange? seen = null;
        store.Changed += (_, change) => seen = change;

        store.Patch(SandboxResources.Applications, SandboxCluster.ArgoCd, "build-time", JsonNode.Parse("""{"operation":{"sync":{}}}""")!, SandboxChangeOrigin.ApiClient);

        Assert.NotNull(seen);
        Assert.Equal((WatchEventType.Modified, SandboxChangeOrigin.ApiClient, "build-time", SandboxCluster.ArgoCd), (seen.Type, seen.Origin, seen.Name, seen.Namespace));
        Assert.Null(seen.Previous!["operation"]);
        Assert.NotNull(seen.Object["operation"]);
    }

    [Fact]
    public void Changed_HandlerWritesToStore_DoesNotDeadlock()
    {
        var store = new SandboxObjectStore();
        store.Changed += (_, change) =>
        {
            if (change.Origin == SandboxChangeOrigin.ApiClient)
            {
                store.ReplaceStatus(SandboxResources.Deployments, change.Namespace, change.Name, new JsonObject { ["replicas"] = 5 });
            }
        };
        store.Create(SandboxResources.Deployments, Deployment("a", 1));

        store.Patch(SandboxResources.Deployments, Ns, "a", JsonNode.Parse("""{"spec":{"replicas":5}}""")!, SandboxChangeOrigin.ApiClient);

        Assert.Equal(5, store.Get(SandboxResources.Deployments, Ns, "a")!["status"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task WatchAsync_FromResourceVersion_ReplaysLaterChangesThenLive()
    {
        var store = new SandboxObjectStore();
        var from = store.Create(SandboxResources.Deployments, Deployment("a", 1)).ResourceVersionOf();
        store.Mutate(SandboxResources.Deployments, Ns, "a", d => d["spec"]!["replicas"] = 2);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var events = store.WatchAsync(SandboxResources.Deployments, Ns, from, cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await events.MoveNextAsync());
        var replayed = events.Current;
        store.Delete(SandboxResources.Deployments, Ns, "a");
        Assert.True(await events.MoveNextAsync());

        Assert.Equal(WatchEventType.Modified, replayed.Type);
        Assert.Equal(WatchEventType.Deleted, events.Current.Type);
        Assert.Equal(store.ResourceVersion, events.Current.ResourceVersion);
    }

    [Fact]
    public async Task WatchAsync_LabelChangeLeavesSelection_SeenAsDeleted()
    {
        var store = new SandboxObjectStore();
        store.Create(SandboxCluster.Pod("a", "wsl-worker"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var events = store.WatchAsync(SandboxResources.Pods, Ns, "0", cts.Token, labelSelector: "app=build-time").GetAsyncEnumerator(cts.Token);
        Assert.True(await events.MoveNextAsync());

        store.Patch(SandboxResources.Pods, Ns, "a", JsonNode.Parse("""{"metadata":{"labels":{"app":"other"}}}""")!);
        Assert.True(await events.MoveNextAsync());

        Assert.Equal(WatchEventType.Deleted, events.Current.Type);
        Assert.Equal("other", events.Current.Object["metadata"]!["labels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public async Task WatchAsync_HistoryOverCapacity_ThrowsExpired()
    {
        var store = new SandboxObjectStore(new SandboxObjectStoreOptions { HistoryCapacity = 3 });
        var first = store.Create(SandboxResources.Deployments, Deployment("a", 1)).ResourceVersionOf();
        for (var i = 2; i < 7; i++)
        {
            store.Mutate(SandboxResources.Deployments, Ns, "a", d => d["spec"]!["replicas"] = i);
        }

        var error = await Assert.ThrowsAsync<SandboxApiException>(async () =>
        {
            await foreach (var _ in store.WatchAsync(SandboxResources.Deployments, Ns, first, CancellationToken.None))
            {
            }
        });

        Assert.Equal((410, "Expired", "too old resource version: 1 (3)"), (error.Code, error.Reason, error.Message));
        Assert.Equal(3, store.CompactedResourceVersion);
    }

    [Fact]
    public void Logs_BoundedPerContainer_KeepsNewestLines()
    {
        var store = new SandboxObjectStore(new SandboxObjectStoreOptions { LogLinesPerContainer = 2 });

        store.Logs.Append(Ns, "p", "c", "1\n2\n3");

        Assert.Equal(["2", "3"], store.Logs.Read(Ns, "p", "c")!.Select(l => l.Text));
        Assert.Null(store.Logs.Read(Ns, "p", "c", previous: true));
    }

    [Fact]
    public void TypedCreate_V1Pod_RoundTripsThroughKubernetesJson()
    {
        var store = new SandboxObjectStore();

        var created = store.Create(SandboxCluster.Pod("a", "wsl-worker"));

        Assert.Equal(("v1", "Pod", "wsl-worker"), (created.ApiVersion, created.Kind, created.Spec.NodeName));
        Assert.Equal("1", created.ResourceVersion());
        Assert.Equal("wsl-worker", store.Get<V1Pod>(Ns, "a")!.Spec.NodeName);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static JsonObject Deployment(string name, int replicas) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
        ["spec"] = new JsonObject { ["replicas"] = replicas },
    };
}

internal static class JsonObjectTestExtensions
{
    public static string ResourceVersionOf(this JsonObject obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();
}
