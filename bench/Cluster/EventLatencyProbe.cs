using System.Diagnostics;
using System.Text.Json;
using k8s;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Bench.Cluster;

/// <summary>
/// Timestamps one application's health change at each hop on its way to the browser, without
/// polling loops that would take a core from the server: the sandbox store's commit
/// (<see cref="SandboxObjectStore.Changed"/>), the PATCH's response, the watch stream on the wire (a
/// second, raw watch read by the bench), the dashboard's <see cref="ClusterState"/> (its change
/// stream) and the DOM (a MutationObserver in the page, read afterwards).
/// </summary>
internal sealed class EventLatencyProbe : IAsyncDisposable
{
    private readonly string _namespace;
    private readonly string _name;
    private readonly SandboxObjectStore _store;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _wire;
    private readonly Task _state;
    private Pending? _pending;

    private EventLatencyProbe(string @namespace, string name, SandboxObjectStore store, Kubernetes client, ClusterState state)
    {
        _namespace = @namespace;
        _name = name;
        _store = store;
        _store.Changed += OnCommitted;
        Opened = ExpectAsync(health: null);
        _wire = ReadWireAsync(client, _stop.Token);
        _state = ReadStateAsync(state, _stop.Token);
    }

    private Pending Opened { get; }

    public static async Task<EventLatencyProbe> StartAsync(string @namespace, string name, SandboxObjectStore store, Kubernetes client, ClusterState state)
    {
        var probe = new EventLatencyProbe(@namespace, name, store, client, state);
        // The raw watch is open once it has replayed the object itself.
        await probe.Opened.Wire.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return probe;
    }

    /// <summary>Starts timing a change to <paramref name="health"/> (null: any event); call just before sending it.</summary>
    public Pending ExpectAsync(string? health)
    {
        var pending = new Pending(health, Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Volatile.Write(ref _pending, pending);
        return pending;
    }

    private void OnCommitted(object? sender, SandboxObjectChange change)
    {
        if (change.Origin == SandboxChangeOrigin.ApiClient && change.Name == _name && Volatile.Read(ref _pending) is { } pending
            && change.Object["status"]?["health"]?["status"]?.GetValue<string>() == pending.Health)
        {
            pending.Committed.TrySetResult(pending.Elapsed());
        }
    }

    private async Task ReadWireAsync(Kubernetes client, CancellationToken stopping)
    {
        try
        {
            using var response = await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                "argoproj.io", "v1alpha1", _namespace, "applications", fieldSelector: $"metadata.name={_name}", watch: true, timeoutSeconds: 3600, cancellationToken: stopping);
#pragma warning disable CS0618 // The watch the dashboard itself uses for custom objects.
            var events = Task.FromResult(response).WatchAsync<JsonElement, object>(cancellationToken: stopping);
#pragma warning restore CS0618
            await foreach (var (_, obj) in events)
            {
                var at = Stopwatch.GetTimestamp();
                var health = obj.TryGetProperty("status", out var status)
                    && status.TryGetProperty("health", out var h) && h.TryGetProperty("status", out var s) ? s.GetString() : null;
                if (Volatile.Read(ref _pending) is { } pending && (pending.Health is null || pending.Health == health))
                {
                    pending.Wire.TrySetResult(pending.Since(at));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task ReadStateAsync(ClusterState state, CancellationToken stopping)
    {
        try
        {
            await foreach (var change in state.WatchAsync(stopping))
            {
                var at = Stopwatch.GetTimestamp();
                if (change.Kind == ClusterKind.Applications && change.Key.EndsWith("/" + _name, StringComparison.Ordinal)
                    && Volatile.Read(ref _pending) is { Health: { } health } pending
                    && state.Current.Application(_name)?.HealthStatus == health)
                {
                    pending.InState.TrySetResult(pending.Since(at));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _store.Changed -= OnCommitted;
        await _stop.CancelAsync();
        await Task.WhenAll(_wire, _state);
        _stop.Dispose();
    }

    /// <summary>One change in flight; each hop's task completes with milliseconds since it was sent.</summary>
    internal sealed record Pending(string? Health, long Start, long StartEpochMs)
    {
        public TaskCompletionSource<double> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<double> Wire { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<double> InState { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public double Elapsed() => Since(Stopwatch.GetTimestamp());

        public double Since(long at) => Stopwatch.GetElapsedTime(Start, at).TotalMilliseconds;
    }
}
