using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlOpsDashboard.Core.Operations;

namespace MlOpsDashboard.Core.Connections;

public sealed record ConnectionStatus(string Backend, ConnectionState State, string Summary, string? Hint, TimeSpan Duration);

/// <summary>Runs the health checks tagged as connections and reads them as backend states.</summary>
public sealed class ConnectionsService(HealthCheckService health)
{
    public async Task<IReadOnlyList<ConnectionStatus>> CheckAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(HealthTags.Connection), cancellationToken);
        return [.. report.Entries.Select(e => ToStatus(e.Key, e.Value))];
    }

    private static ConnectionStatus ToStatus(string backend, HealthReportEntry entry)
    {
        var state = entry.Data.TryGetValue(ConnectionResults.StateKey, out var s) && s is ConnectionState known
            ? known
            : ConnectionState.Unreachable; // a check that threw or timed out
        var hint = entry.Data.TryGetValue(ConnectionResults.HintKey, out var h) ? h as string : null;
        var summary = entry.Description ?? entry.Exception?.Message ?? entry.Status.ToString();
        return new ConnectionStatus(backend, state, summary, hint, entry.Duration);
    }
}
