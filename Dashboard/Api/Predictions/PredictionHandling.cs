using System.Diagnostics;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.Serving;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

/// <summary>What every prediction endpoint needs: the strict reader, the served models, the log.</summary>
internal sealed class PredictionHandling(
    PredictionRequestReader reader,
    ServedModelSelector selector,
    PredictionLog log,
    PredictionMetrics metrics,
    IOptions<PredictionApiOptions> options,
    TimeProvider clock)
{
    internal PredictionRequestReader Reader => reader;

    public ServedModelSelector Selector => selector;

    public PredictionApiOptions Options => options.Value;

    /// <summary>Keeps the metrics' log subscription alive for the app's lifetime.</summary>
    internal PredictionMetrics Metrics => metrics;

    public static string TraceId(HttpContext http) => Activity.Current?.TraceId.ToHexString() ?? http.TraceIdentifier;

    /// <summary>Logs one served request (a batch as one entry per item) and counts it.</summary>
    public void Record<TPredictor>(HttpContext http, ServedPredictor<TPredictor> served, PredictionLogItems items, TimeSpan compute, string traceId)
        where TPredictor : IPredictor
    {
        var now = clock.GetUtcNow();
        var caller = http.User.Identity?.Name ?? "anonymous";
        var outputs = items.Outputs;
        var perItem = compute.TotalMilliseconds / Math.Max(1, outputs.Length);
        for (var i = 0; i < outputs.Length; i++)
        {
            log.Record(new PredictionRecord(now, items.Model, served.Info.Source, items.Features[i], outputs[i], perItem, traceId, caller));
        }
        PredictionMetrics.Served(items.Model, compute, outputs);
    }
}
