using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Context;

/// <summary>Latency, throttling and memory figures from Prometheus's query API, when Prometheus:Url is set.</summary>
public sealed class PrometheusMetricsReader(IHttpClientFactory httpClients, IOptions<PrometheusOptions> prometheus, ILogger<PrometheusMetricsReader> logger)
{
    public const string HttpClientName = "incident-metrics";

    public async Task<IncidentMetrics?> ReadAsync(string @namespace, string? pod, CancellationToken cancellationToken)
    {
        var url = prometheus.Value.Url;
        if (url.Length == 0)
        {
            return null;
        }
        var ns = Escape(@namespace);
        var podFilter = pod is null ? "" : $",pod=\"{Escape(pod)}\"";
        try
        {
            var http = httpClients.CreateClient(HttpClientName);
            var metrics = new IncidentMetrics
            {
                LatencyP95Seconds = await QueryAsync(http, url, "histogram_quantile(0.95, sum by (le) (rate(mlops_prediction_duration_seconds_bucket[5m])))", cancellationToken),
                BaselineLatencyP95Seconds = await QueryAsync(http, url, "histogram_quantile(0.95, sum by (le) (rate(mlops_prediction_duration_seconds_bucket[1h] offset 1d)))", cancellationToken),
                ErrorRate = await QueryAsync(http, url, "sum(rate(http_requests_received_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_received_total[5m]))", cancellationToken),
                CpuThrottledRatio = await QueryAsync(http, url,
                    $"sum(rate(container_cpu_cfs_throttled_periods_total{{namespace=\"{ns}\"{podFilter}}}[5m])) / sum(rate(container_cpu_cfs_periods_total{{namespace=\"{ns}\"{podFilter}}}[5m]))", cancellationToken),
                MemoryWorkingSetBytes = await QueryAsync(http, url, $"max(container_memory_working_set_bytes{{namespace=\"{ns}\"{podFilter},container!=\"\"}})", cancellationToken),
            };
            return metrics;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Reading metrics from Prometheus failed");
            return null;
        }
    }

    private static async Task<double?> QueryAsync(HttpClient http, string baseUrl, string query, CancellationToken cancellationToken)
    {
        var address = $"{baseUrl.TrimEnd('/')}/api/v1/query?query={Uri.EscapeDataString(query)}";
        using var response = await http.GetAsync(address, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0)
        {
            return null;
        }
        var text = result[0].GetProperty("value")[1].GetString();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
