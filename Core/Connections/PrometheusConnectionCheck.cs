using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents;

namespace MlOpsDashboard.Core.Connections;

internal sealed class PrometheusConnectionCheck(IOptions<PrometheusOptions> options, IHttpClientFactory httpClients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var url = options.Value.Url;
        if (url.Length == 0)
        {
            return ConnectionResults.NotConfigured("Set Prometheus:Url to Prometheus's address, e.g. http://prometheus.monitoring.svc:9090.");
        }
        try
        {
            using var client = httpClients.CreateClient(ConnectionsServiceCollectionExtensions.HttpClientName);
            var buildInfo = await client.GetFromJsonAsync<JsonElement>(new Uri(new Uri(url), "/api/v1/status/buildinfo"), cancellationToken);
            var version = buildInfo.GetProperty("data").GetProperty("version").GetString();
            return ConnectionResults.Connected($"Prometheus {version} at {url}");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ConnectionResults.Unreachable(e.Message, "Check Prometheus:Url and that Prometheus answers on /api/v1/status/buildinfo.");
        }
    }
}
