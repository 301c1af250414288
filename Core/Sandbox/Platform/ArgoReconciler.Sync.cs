using System.Text.Json.Nodes;
using LibGit2Sharp;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Core.Sandbox.Platform;

public sealed partial class ArgoReconciler
{
    /// <summary>Resources whose live state differs from git (missing, or a Deployment edited by hand).</summary>
    private List<string> Drift(string app, IReadOnlyList<JsonObject> desired)
    {
        var drift = new List<string>();
        var applied = _applied.GetValueOrDefault(app);
        foreach (var resource in desired)
        {
            var live = LiveOf(resource, applied);
            if (live is null)
            {
                drift.Add(ArgoApplicationStatus.Key(resource));
            }
            else if (resource["kind"]?.GetValue<string>() == "Deployment" && !SameDeploymentSpec(resource, live))
            {
                drift.Add(ArgoApplicationStatus.Key(resource));
            }
        }
        return drift;
    }

    private JsonObject? LiveOf(JsonObject resource, Dictionary<string, JsonObject>? applied) =>
        ServedResource(resource) is { } served
            ? store.Get(served, SandboxObjectMetadata.NamespaceOf(resource), SandboxObjectMetadata.NameOf(resource))
            : applied?.GetValueOrDefault(ArgoApplicationStatus.Key(resource));

    private static SandboxResource? ServedResource(JsonObject resource) =>
        SandboxResources.FindByKind(resource["apiVersion"]?.GetValue<string>() ?? "", resource["kind"]?.GetValue<string>() ?? "") is { } r
        && r != SandboxResources.Applications ? r : null;

    // Replicas left unset in git belong to the HPA: only a set value can drift.
    private static bool SameDeploymentSpec(JsonObject desired, JsonObject live) =>
        (desired["spec"]?["replicas"] is null || JsonNode.DeepEquals(desired["spec"]?["replicas"], live["spec"]?["replicas"]))
        && JsonNode.DeepEquals(desired["spec"]?["template"], live["spec"]?["template"]);

    private JsonObject Sync(JsonObject app, IReadOnlyList<JsonObject> desired, Commit tip, DateTimeOffset now, bool requested)
    {
        var name = SandboxObjectMetadata.NameOf(app);
        var startedAt = SandboxObjectMetadata.Timestamp(now);
        events.Record(ArgoNamespace, "Application", name, "Normal", "OperationStarted", $"Initiated {(requested ? "manual" : "automated")} sync to {tip.Sha}", "argocd-application-controller");
        var applied = _applied.TryGetValue(name, out var known) ? known : _applied[name] = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var results = new JsonArray();
        // Waves in order; within a wave, namespaces first (as Argo CD's kind ordering does).
        foreach (var resource in desired.OrderBy(ArgoApplicationStatus.Wave).ThenBy(r => r["kind"]?.GetValue<string>() == "Namespace" ? 0 : 1))
        {
            Apply(resource, applied);
            var (group, version) = ArgoApplicationStatus.GroupVersion(resource);
            results.Add(new JsonObject
            {
                ["group"] = group,
                ["version"] = version,
                ["kind"] = resource["kind"]?.DeepClone(),
                ["namespace"] = SandboxObjectMetadata.NamespaceOf(resource) ?? "",
                ["name"] = SandboxObjectMetadata.NameOf(resource),
                ["status"] = "Synced",
                ["message"] = $"{resource["kind"]?.GetValue<string>()?.ToLowerInvariant()}/{SandboxObjectMetadata.NameOf(resource)} configured",
                ["hookPhase"] = "Succeeded",
                ["syncPhase"] = "Sync",
                ["syncWave"] = ArgoApplicationStatus.Wave(resource),
            });
        }
        if (ArgoApplicationStatus.Prune(app))
        {
            PruneRemoved(name, desired, applied);
        }
        var message = $"successfully synced (all tasks run)";
        events.Record(ArgoNamespace, "Application", name, "Normal", "OperationCompleted", $"Sync operation to {tip.Sha} succeeded", "argocd-application-controller");
        return new JsonObject
        {
            ["operation"] = new JsonObject
            {
                ["sync"] = new JsonObject { ["revision"] = tip.Sha, ["syncStrategy"] = new JsonObject { ["hook"] = new JsonObject() } },
                ["initiatedBy"] = requested
                    ? new JsonObject { ["username"] = app["operation"]?["initiatedBy"]?["username"]?.DeepClone() ?? "admin" }
                    : new JsonObject { ["automated"] = true },
                ["retry"] = app["spec"]?["syncPolicy"]?["retry"]?.DeepClone(),
            },
            ["phase"] = "Succeeded",
            ["message"] = message,
            ["startedAt"] = startedAt,
            ["finishedAt"] = SandboxObjectMetadata.Timestamp(now),
            ["syncResult"] = new JsonObject
            {
                ["revision"] = tip.Sha,
                ["source"] = app["spec"]?["source"]?.DeepClone(),
                ["resources"] = results,
            },
        };
    }

    private void Apply(JsonObject resource, Dictionary<string, JsonObject> applied)
    {
        var copy = (JsonObject)resource.DeepClone();
        var key = ArgoApplicationStatus.Key(resource);
        applied[key] = copy;
        if (ServedResource(resource) is not { } served)
        {
            return;
        }
        var ns = SandboxObjectMetadata.NamespaceOf(resource);
        var live = store.Get(served, ns, SandboxObjectMetadata.NameOf(resource));
        if (live is null)
        {
            store.Create(served, copy);
            return;
        }
        if (served == SandboxResources.Namespaces || SameDeploymentSpec(copy, live))
        {
            return;
        }
        store.Mutate(served, ns, SandboxObjectMetadata.NameOf(resource), existing =>
        {
            var spec = copy["spec"]!.DeepClone().AsObject();
            if (spec["replicas"] is null && existing["spec"]?["replicas"] is { } replicas)
            {
                spec["replicas"] = replicas.DeepClone();
            }
            existing["spec"] = spec;
            existing["metadata"]!["labels"] = copy["metadata"]?["labels"]?.DeepClone();
            existing["metadata"]!["annotations"] = copy["metadata"]?["annotations"]?.DeepClone();
        });
    }

    private void PruneRemoved(string app, IReadOnlyList<JsonObject> desired, Dictionary<string, JsonObject> applied)
    {
        var keep = desired.Select(ArgoApplicationStatus.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, resource) in applied.Where(a => !keep.Contains(a.Key)).ToList())
        {
            applied.Remove(key);
            if (ServedResource(resource) is { } served)
            {
                store.TryDelete(served, SandboxObjectMetadata.NamespaceOf(resource), SandboxObjectMetadata.NameOf(resource));
            }
            events.Record(ArgoNamespace, "Application", app, "Normal", "ResourceDeleted", $"Pruned {key}", "argocd-application-controller");
        }
    }

    /// <summary>Argo CD's health: Missing, Degraded (crash-looping or failed pods), Progressing, Healthy.</summary>
    private string Health(string app, IReadOnlyList<JsonObject> desired)
    {
        var worst = "Healthy";
        foreach (var resource in desired)
        {
            var health = ResourceHealth(resource, _applied.GetValueOrDefault(app));
            worst = Rank(health) > Rank(worst) ? health : worst;
        }
        return worst;
    }

    private string ResourceHealth(JsonObject resource, Dictionary<string, JsonObject>? applied)
    {
        var live = LiveOf(resource, applied);
        if (live is null)
        {
            return "Missing";
        }
        if (resource["kind"]?.GetValue<string>() != "Deployment")
        {
            return "Healthy";
        }
        var ns = SandboxObjectMetadata.NamespaceOf(live);
        var uid = live["metadata"]?["uid"]?.GetValue<string>();
        var pods = store.List(SandboxResources.Pods, ns).Items
            .Where(p => (p["metadata"]?["ownerReferences"] as JsonArray)?.Any(o => o?["uid"]?.GetValue<string>() == uid) == true).ToList();
        if (pods.Any(p => (p["status"]?["containerStatuses"] as JsonArray)?.Any(c => c?["state"]?["waiting"]?["reason"]?.GetValue<string>() == "CrashLoopBackOff") == true))
        {
            return "Degraded";
        }
        var desiredReplicas = ArgoApplicationStatus.Number(live["spec"]?["replicas"], 1);
        var ready = ArgoApplicationStatus.Number(live["status"]?["readyReplicas"]);
        return ready >= desiredReplicas ? "Healthy" : "Progressing";
    }

    private static int Rank(string health) => health switch { "Healthy" => 0, "Progressing" => 1, "Missing" => 2, _ => 3 };

    private JsonArray Resources(string app, IReadOnlyList<JsonObject> desired, List<string> drift)
    {
        var applied = _applied.GetValueOrDefault(app);
        var array = new JsonArray();
        foreach (var resource in desired)
        {
            var (group, version) = ArgoApplicationStatus.GroupVersion(resource);
            var entry = new JsonObject
            {
                ["group"] = group,
                ["version"] = version,
                ["kind"] = resource["kind"]?.DeepClone(),
                ["namespace"] = SandboxObjectMetadata.NamespaceOf(resource) ?? "",
                ["name"] = SandboxObjectMetadata.NameOf(resource),
                ["status"] = drift.Contains(ArgoApplicationStatus.Key(resource)) ? "OutOfSync" : "Synced",
                ["syncWave"] = ArgoApplicationStatus.Wave(resource),
            };
            if (resource["kind"]?.GetValue<string>() is "Deployment" or "Pod" or "Service" or "PersistentVolumeClaim" or "Application")
            {
                entry["health"] = new JsonObject { ["status"] = ResourceHealth(resource, applied) };
            }
            array.Add(entry);
        }
        return array;
    }
}
