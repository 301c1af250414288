using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;
using Prometheus;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

/// <summary>Prometheus figures of the prediction API, on /metrics with the rest of the app.</summary>
public sealed class PredictionMetrics
{
    private static readonly Counter Requests = Metrics.CreateCounter(
        "mlops_prediction_requests_total", "Prediction API requests by model, served version and outcome (ok, invalid, unavailable).",
        new CounterConfiguration { LabelNames = ["model", "version", "outcome"] });

    private static readonly Counter Predictions = Metrics.CreateCounter(
        "mlops_predictions_total", "Predictions served (a batch counts each item).",
        new CounterConfiguration { LabelNames = ["model", "version"] });

    private static readonly Histogram Latency = Metrics.CreateHistogram(
        "mlops_prediction_duration_seconds", "Model compute time per request, by model.",
        new HistogramConfiguration { LabelNames = ["model"], Buckets = Histogram.ExponentialBuckets(0.000_005, 2, 16) });

    private static readonly Histogram PredictedBuildSeconds = Metrics.CreateHistogram(
        "mlops_predicted_build_seconds", "Predicted build durations.",
        new HistogramConfiguration { LabelNames = ["version"], Buckets = Histogram.ExponentialBuckets(15, 1.6, 14) });

    private static readonly Histogram PredictedFailureProbability = Metrics.CreateHistogram(
        "mlops_predicted_failure_probability", "Predicted build failure probabilities.",
        new HistogramConfiguration { LabelNames = ["version"], Buckets = Histogram.LinearBuckets(0.05, 0.05, 19) });

    private static readonly Histogram SelectedTestShare = Metrics.CreateHistogram(
        "mlops_selected_test_time_share", "Share of a change's test time that test selection kept.",
        new HistogramConfiguration { LabelNames = ["version"], Buckets = Histogram.LinearBuckets(0.05, 0.05, 19) });

    private static readonly Counter Dropped = Metrics.CreateCounter(
        "mlops_prediction_log_dropped_total", "Prediction log entries dropped because the log's queue was full.");

    public PredictionMetrics(PredictionLog log)
    {
        log.EntryDropped += _ => Dropped.Inc();
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() => Pending.Set(log.Pending));
    }

    private static readonly Gauge Pending = Metrics.CreateGauge(
        "mlops_prediction_log_pending", "Prediction log entries waiting for the database.");

    public static void Rejected(PredictorKind kind, string outcome) =>
        Requests.WithLabels(ModelVersionId.Slug(kind), "", outcome).Inc();

    public static void Served(ModelVersionId model, TimeSpan compute, IEnumerable<double> outputs)
    {
        var slug = ModelVersionId.Slug(model.Kind);
        var version = $"v{model.Number}";
        Requests.WithLabels(slug, version, "ok").Inc();
        Latency.WithLabels(slug).Observe(compute.TotalSeconds);
        var histogram = model.Kind switch
        {
            PredictorKind.BuildTime => PredictedBuildSeconds,
            PredictorKind.FailureRisk => PredictedFailureProbability,
            _ => SelectedTestShare,
        };
        var values = histogram.WithLabels(version);
        var count = 0;
        foreach (var output in outputs)
        {
            values.Observe(output);
            count++;
        }
        Predictions.WithLabels(slug, version).Inc(count);
    }
}
