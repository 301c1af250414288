using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MlOpsDashboard.Bench.Cluster;

/// <summary>Counts open circuits, so memory per circuit divides by circuits that really exist (not by browser tabs opened).</summary>
internal sealed class CircuitCounter : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
