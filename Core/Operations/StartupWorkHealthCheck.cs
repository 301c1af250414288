using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlOpsDashboard.Core.Operations;

public sealed class StartupWorkHealthCheck(StartupWork work) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var items = work.Snapshot();
        var data = items.ToDictionary(i => i.Name, i => (object)$"{i.State}: {i.Detail}");
        var unfinished = items.Where(i => i.State != StartupWorkState.Completed).ToList();
        return Task.FromResult(unfinished.Count == 0
            ? HealthCheckResult.Healthy($"{items.Count} start-up tasks completed", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", unfinished.Select(i => $"{i.Name} {i.State.ToString().ToLowerInvariant()}: {i.Detail}")), data: data));
    }
}
