using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;
using Prometheus;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

/// <summary>Prometheus figures of the prediction API, on /metrics with the rest of the app.</summary>
public sealed class PredictionMetrics
{
    /// <summary>
    /// prometheus-net attaches the current trace id to every observation by default (formatting it
    /// each time); the prediction log already ties each prediction to its trace id.
    /// </summary>
    private static readonly ExemplarBehavior NoExemplars = ExemplarBehavior.NoExemplars();

    private static readonly Counter Requests = Metrics.CreateCounter(
        "mlops_prediction_requests_total", "Prediction API requests by model, served version and outcome (ok, invalid, unavailable).",
        new CounterConfiguration { ExemplarBehavior = NoExemplars, LabelNames = ["model", "version", "outcome"] });

    private static readonly Counter Predictions = Metrics.CreateCounter(
        "mlops_predictions_total", "Predictions served (a batch counts each item).",
        new CounterConfiguration { ExemplarBehavior = NoExemplars, LabelNames = ["model", "version"] });

    private static readonly Histogram Latency = Metrics.CreateHistogram(
        "mlops_prediction_duration_seconds", "Model compute time per request, by model.",
        new HistogramConfiguration { ExemplarBehavior = NoExemplars, LabelNames = ["model"], Buckets = Histogram.ExponentialBuckets(0.000_005, 2, 16) });

    private static readonly Histogram PredictedBuildSeconds = Metrics.CreateHistogram(
        "mlops_predicted_build_seconds", "Predicted build durations.",
        new HistogramConfiguration { ExemplarBehavior = NoExemplars, LabelNames = ["version"], Buckets = Histogram.ExponentialBuckets(15, 1.6, 14) });

    private static readonly Histogram PredictedFailureProbability = Metrics.CreateHistogram(
        "mlops_predicted_failure_probability", "Predicted build failure probabilities.",
        new HistogramConfiguration { ExemplarBehavior = NoExemplars, LabelNames = ["version"], Buckets = Histogram.LinearBuckets(0.05, 0.05, 19) });

    private static readonly Histogram SelectedTestShare = Metrics.CreateHistogram(
        "mlops_selected_test_time_share", "Share of a change's test time that test selection kept.",
        new HistogramConfiguration { ExemplarBehavior = NoExemplars, LabelNames = ["version"], Buckets = Histogram.LinearBuckets(0.05, 0.05, 19) });

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

    /// <summary>A served version's labelled series, created at its first request and kept: no label lookups per request.</summary>
    public static VersionMetrics For(ModelVersionId model) => Children.GetOrAdd(model, CreateChildren);

    /// <summary>A served version's labelled series.</summary>
    public sealed class VersionMetrics(Counter.Child ok, Histogram.Child latency, Histogram.Child values, Counter.Child predictions)
    {
        /// <summary>One answered request of <paramref name="count"/> predictions.</summary>
        public void Served(TimeSpan compute, int count)
        {
            ok.Inc();
            latency.Observe(compute.TotalSeconds);
            predictions.Inc(count);
        }

        /// <summary>One predicted value (seconds, probability or selected share).</summary>
        public void Observe(double output) => values.Observe(output);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ModelVersionId, VersionMetrics> Children = new();

    private static VersionMetrics CreateChildren(ModelVersionId model)
    {
        var slug = ModelVersionId.Slug(model.Kind);
        var version = $"v{model.Number}";
        var values = model.Kind switch
        {
            PredictorKind.BuildTime => PredictedBuildSeconds,
            PredictorKind.FailureRisk => PredictedFailureProbability,
            _ => SelectedTestShare,
        };
        return new VersionMetrics(Requests.WithLabels(slug, version, "ok"), Latency.WithLabels(slug), values.WithLabels(version), Predictions.WithLabels(slug, version));
    }
}
