using k8s.Models;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>core/v1 Events as the kubelet and controllers record them: repeats bump count and lastTimestamp.</summary>
public sealed class SandboxEvents(SandboxObjectStore store, TimeProvider clock)
{
    private const int MaxEvents = 1_000;
    private readonly Queue<(string Namespace, string Name)> _order = new();
    private readonly Lock _lock = new();

    public void Record(string? @namespace, string kind, string name, string type, string reason, string message, string component = "kubelet")
    {
        var eventNamespace = @namespace ?? "default";
        var eventName = $"{name}.{StableHash($"{kind}/{name}/{reason}/{message}")}";
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            if (store.Get<Corev1Event>(eventNamespace, eventName) is { } existing)
            {
                existing.Count = (existing.Count ?? 1) + 1;
                existing.LastTimestamp = now;
                store.Replace(existing);
                return;
            }
            store.Create(new Corev1Event
            {
                ApiVersion = "v1",
                Kind = "Event",
                Metadata = new V1ObjectMeta { Name = eventName, NamespaceProperty = eventNamespace },
                InvolvedObject = new V1ObjectReference { Kind = kind, Name = name, NamespaceProperty = @namespace, ApiVersion = kind == "Deployment" ? "apps/v1" : "v1" },
                Type = type,
                Reason = reason,
                Message = message,
                Count = 1,
                FirstTimestamp = now,
                LastTimestamp = now,
                Source = new V1EventSource { Component = component },
                ReportingComponent = component,
            });
            _order.Enqueue((eventNamespace, eventName));
            while (_order.Count > MaxEvents)
            {
                var (ns, old) = _order.Dequeue();
                store.TryDelete(SandboxResources.Events, ns, old);
            }
        }
    }

    internal static string StableHash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
}
