using System.Text.Json.Nodes;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;
using MlOpsDashboard.Core.Delivery.Kustomize;

namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>
/// Behaves like Argo CD's application controller: renders each Application's path at the tip of
/// the repository, compares with what is live, and (automated or on request) syncs in sync-wave
/// order, records history, self-heals manual drift after a delay, and reports sync and health.
/// </summary>
public sealed partial class ArgoReconciler(
    SandboxObjectStore store,
    SandboxRepository repository,
    SandboxEvents events,
    SandboxOptions options,
    TimeProvider clock,
    ILogger<ArgoReconciler> logger)
{
    public const string ArgoNamespace = "argocd";
    private const int HistoryLimit = 10;

    // Kinds the sandbox API does not serve (Services, ConfigMaps, ...) are kept here per application.
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _applied = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _driftSince = new(StringComparer.Ordinal);

    public void Reconcile()
    {
        using var repo = repository.Open();
        var tip = repo.Branches[SandboxRepository.Branch]?.Tip ?? throw new InvalidOperationException("The sandbox repository has no main branch");
        var source = GitTreeManifestSource.ForCommit(tip);
        foreach (var application in RenderApplications(source))
        {
            UpsertApplication(application);
        }
        foreach (var app in store.List(SandboxResources.Applications, ArgoNamespace).Items)
        {
            ReconcileApplication(app, tip, source);
        }
    }

    private IEnumerable<JsonObject> RenderApplications(IManifestSource source)
    {
        var roots = KustomizeRenderer.Render(source, "deploy/argocd").Where(IsApplication).ToList();
        var children = roots.SelectMany(r => KustomizeRenderer.Render(source, ArgoApplicationStatus.Path(r))).Where(IsApplication);
        return roots.Concat(children);
    }

    private static bool IsApplication(JsonObject o) => o["kind"]?.GetValue<string>() == "Application";

    private void UpsertApplication(JsonObject fromGit)
    {
        var name = SandboxObjectMetadata.NameOf(fromGit);
        var ns = SandboxObjectMetadata.NamespaceOf(fromGit) ?? ArgoNamespace;
        if (store.Get(SandboxResources.Applications, ns, name) is null)
        {
            fromGit["metadata"]!["namespace"] = ns;
            store.Create(SandboxResources.Applications, fromGit);
            return;
        }
        var spec = fromGit["spec"]!.DeepClone();
        var current = store.Get(SandboxResources.Applications, ns, name)!;
        if (!JsonNode.DeepEquals(current["spec"], spec))
        {
            store.Mutate(SandboxResources.Applications, ns, name, app => app["spec"] = spec);
        }
    }

    private void ReconcileApplication(JsonObject app, Commit tip, IManifestSource source)
    {
        var name = SandboxObjectMetadata.NameOf(app);
        var now = clock.GetUtcNow();
        if (app["metadata"]?["annotations"]?[ArgoApplicationStatus.RefreshAnnotation] is not null)
        {
            store.Mutate(SandboxResources.Applications, ArgoNamespace, name, a => a["metadata"]!["annotations"]!.AsObject().Remove(ArgoApplicationStatus.RefreshAnnotation));
        }
        IReadOnlyList<JsonObject> desired;
        try
        {
            desired = KustomizeRenderer.Render(source, ArgoApplicationStatus.Path(app));
        }
        catch (KustomizeException e)
        {
            WriteStatus(app, ComparisonError(app, tip, e.Message, now));
            return;
        }

        var drift = Drift(name, desired);
        var revisionChanged = ArgoApplicationStatus.SyncedRevision(app) != tip.Sha;
        if (drift.Count > 0)
        {
            _driftSince.TryAdd(name, now);
        }
        else
        {
            _driftSince.Remove(name);
        }
        var requested = app["operation"] is JsonObject;
        var selfHealDue = ArgoApplicationStatus.SelfHeal(app) && drift.Count > 0
            && now - _driftSince[name] >= TimeSpan.FromSeconds(options.SelfHealDelaySeconds);
        JsonObject? operationState = app["status"]?["operationState"]?.DeepClone().AsObject();
        if (requested || (ArgoApplicationStatus.Automated(app) && (revisionChanged || selfHealDue)))
        {
            operationState = Sync(app, desired, tip, now, requested);
            drift = [];
            _driftSince.Remove(name);
        }
        var status = new JsonObject
        {
            ["sync"] = new JsonObject
            {
                ["status"] = drift.Count == 0 && !(revisionChanged && operationState is null) ? "Synced" : "OutOfSync",
                ["revision"] = operationState is null ? ArgoApplicationStatus.SyncedRevision(app) : tip.Sha,
                ["comparedTo"] = new JsonObject { ["source"] = app["spec"]?["source"]?.DeepClone(), ["destination"] = app["spec"]?["destination"]?.DeepClone() },
            },
            ["health"] = new JsonObject { ["status"] = Health(name, desired) },
            ["history"] = (app["status"]?["history"] as JsonArray)?.DeepClone() ?? new JsonArray(),
            ["operationState"] = operationState,
            ["resources"] = Resources(name, desired, drift),
            ["summary"] = new JsonObject { ["images"] = new JsonArray([.. Images(desired).Select(i => (JsonNode)JsonValue.Create(i))]) },
            ["sourceType"] = "Kustomize",
            ["reconciledAt"] = SandboxObjectMetadata.Timestamp(now),
        };
        if (operationState is not null && app["status"]?["operationState"]?["finishedAt"]?.GetValue<string>() != operationState["finishedAt"]?.GetValue<string>())
        {
            var history = status["history"]!.AsArray();
            history.Add(new JsonObject
            {
                ["id"] = history.Count == 0 ? 0 : ArgoApplicationStatus.Number(history[^1]!["id"]) + 1,
                ["revision"] = tip.Sha,
                ["deployStartedAt"] = operationState["startedAt"]?.DeepClone(),
                ["deployedAt"] = operationState["finishedAt"]?.DeepClone(),
                ["source"] = app["spec"]?["source"]?.DeepClone(),
            });
            while (history.Count > HistoryLimit)
            {
                history.RemoveAt(0);
            }
        }
        if (requested)
        {
            store.Mutate(SandboxResources.Applications, ArgoNamespace, name, a => a.Remove("operation"));
            app = store.Get(SandboxResources.Applications, ArgoNamespace, name)!;
        }
        WriteStatus(app, status);
    }

    private void WriteStatus(JsonObject app, JsonObject status)
    {
        var current = app["status"]?.DeepClone() as JsonObject;
        current?.Remove("reconciledAt");
        var next = (JsonObject)status.DeepClone();
        next.Remove("reconciledAt");
        if (current is null || !JsonNode.DeepEquals(current, next))
        {
            store.ReplaceStatus(SandboxResources.Applications, ArgoNamespace, SandboxObjectMetadata.NameOf(app), status);
        }
    }

    private JsonObject ComparisonError(JsonObject app, Commit tip, string message, DateTimeOffset now)
    {
        logger.LogWarning("Sandbox Argo CD cannot render {Application} at {Revision}: {Message}", SandboxObjectMetadata.NameOf(app), tip.Sha[..7], message);
        var status = app["status"]?.DeepClone() as JsonObject ?? [];
        status["sync"] = new JsonObject { ["status"] = "Unknown", ["revision"] = tip.Sha };
        status["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "ComparisonError",
            ["message"] = $"Failed to load target state: failed to generate manifest for source 1 of 1: {message}",
            ["lastTransitionTime"] = SandboxObjectMetadata.Timestamp(now),
        });
        status["reconciledAt"] = SandboxObjectMetadata.Timestamp(now);
        return status;
    }

    private static IEnumerable<string> Images(IEnumerable<JsonObject> desired) =>
        desired.SelectMany(o => o["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [])
            .Select(c => c?["image"]?.GetValue<string>()).OfType<string>().Distinct().Order(StringComparer.Ordinal);
}
