using System.Text.Json.Nodes;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>Reads of an Argo CD Application object that the reconciler needs.</summary>
internal static class ArgoApplicationStatus
{
    public const string RefreshAnnotation = "argocd.argoproj.io/refresh";
    public const string SyncWaveAnnotation = "argocd.argoproj.io/sync-wave";

    public static string Path(JsonObject app) => app["spec"]?["source"]?["path"]?.GetValue<string>() ?? "";

    public static bool Automated(JsonObject app) => app["spec"]?["syncPolicy"]?["automated"] is JsonObject;

    public static bool SelfHeal(JsonObject app) => app["spec"]?["syncPolicy"]?["automated"]?["selfHeal"]?.GetValue<bool>() == true;

    public static bool Prune(JsonObject app) => app["spec"]?["syncPolicy"]?["automated"]?["prune"]?.GetValue<bool>() == true;

    public static string? SyncedRevision(JsonObject app) => app["status"]?["sync"]?["revision"]?.GetValue<string>();

    public static JsonArray History(JsonObject app) => app["status"]?["history"] as JsonArray ?? [];

    public static int Wave(JsonObject resource) =>
        int.TryParse(resource["metadata"]?["annotations"]?[SyncWaveAnnotation]?.GetValue<string>(), out var wave) ? wave : 0;

    public static string Key(JsonObject resource) =>
        $"{resource["apiVersion"]}/{resource["kind"]}/{SandboxObjectMetadata.NamespaceOf(resource)}/{SandboxObjectMetadata.NameOf(resource)}";

    /// <summary>A JSON number whatever CLR type it was created with (int from code, long from parsing).</summary>
    public static long Number(JsonNode? node, long fallback = 0) => node is JsonValue value
        ? value.TryGetValue<long>(out var l) ? l : value.TryGetValue<int>(out var i) ? i : value.TryGetValue<double>(out var d) ? (long)d : fallback
        : fallback;

    public static (string Group, string Version) GroupVersion(JsonObject resource)
    {
        var apiVersion = resource["apiVersion"]?.GetValue<string>() ?? "v1";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}
