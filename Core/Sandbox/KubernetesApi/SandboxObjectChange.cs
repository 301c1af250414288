using System.Text.Json.Nodes;
using k8s;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>Who made a change: lets the reconciler tell a user's patch from its own writes.</summary>
public enum SandboxChangeOrigin
{
    /// <summary>In-process code: the reconciler, scenarios, seeding.</summary>
    Sandbox,

    /// <summary>A client of the loopback API server (the dashboard, kubectl).</summary>
    ApiClient,
}

/// <summary>A committed change, raised by <see cref="SandboxObjectStore.Changed"/>.</summary>
/// <param name="Object">The object after the change; for Deleted, its last state carrying the deletion's resourceVersion.</param>
/// <param name="Previous">The object before the change; null for Added.</param>
public sealed record SandboxObjectChange(
    WatchEventType Type,
    SandboxResource Resource,
    JsonObject Object,
    JsonObject? Previous,
    SandboxChangeOrigin Origin)
{
    public string Name => SandboxObjectMetadata.NameOf(Object);

    public string? Namespace => SandboxObjectMetadata.NamespaceOf(Object);

    public long ResourceVersion => SandboxObjectMetadata.ResourceVersionOf(Object);
}

/// <summary>One event of a watch, as the API server would stream it.</summary>
public sealed record SandboxWatchEvent(WatchEventType Type, JsonObject Object)
{
    public long ResourceVersion => SandboxObjectMetadata.ResourceVersionOf(Object);
}

/// <summary>A list result with the resourceVersion it is consistent with.</summary>
public sealed record SandboxObjectList(long ResourceVersion, IReadOnlyList<JsonObject> Items);

// What the history keeps per change; objects in it are shared and never mutated after commit.
internal sealed record StoredChange(long ResourceVersion, SandboxResource Resource, WatchEventType Type, JsonObject Object, JsonObject? Previous);
