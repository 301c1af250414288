using System.Diagnostics;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.Registry;
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
    public void Record<TPredictor>(HttpContext http, ServedPredictor<TPredictor> served, ModelVersionId model, float[][][] features, double[] outputs, TimeSpan compute)
        where TPredictor : IPredictor
    {
        var now = clock.GetUtcNow();
        var trace = TraceId(http);
        var caller = http.User.Identity?.Name ?? "anonymous";
        var perItem = compute.TotalMilliseconds / Math.Max(1, outputs.Length);
        for (var i = 0; i < outputs.Length; i++)
        {
            log.Record(new PredictionRecord(now, model, served.Info.Source, features[i], outputs[i], perItem, trace, caller));
        }
        PredictionMetrics.Served(model, compute, outputs);
    }
}
