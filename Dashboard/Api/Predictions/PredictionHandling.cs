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

    /// <summary>
    /// Logs one served request (a batch as one entry per item) with the vectors the model was given,
    /// and counts it. The log keeps the vectors as they are: the background writer serializes them.
    /// </summary>
    public void Record<TRoute, TInput, TPrepared, TPredictor, TResult>(HttpContext http, ServedPredictor<TPredictor> served, TPrepared prepared, TResult result, TimeSpan compute, string traceId)
        where TRoute : struct, IPredictionRoute<TInput, TPrepared, TPredictor, TResult>
        where TInput : class
        where TPredictor : IPredictor
    {
        var now = clock.GetUtcNow();
        var caller = http.User.Identity?.Name ?? "anonymous";
        var model = TRoute.Model(result);
        var count = TRoute.Items(result);
        var perItem = compute.TotalMilliseconds / Math.Max(1, count);
        var metrics = PredictionMetrics.For(model);
        metrics.Served(compute, count);
        for (var i = 0; i < count; i++)
        {
            var item = TRoute.Item(prepared, result, i);
            metrics.Observe(item.Output);
            log.Record(new PredictionRecord(now, model, served.Info.Source, item.Features, item.Output, perItem, traceId, caller));
        }
    }
}
