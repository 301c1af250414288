using MlOpsDashboard.Core.Drift.Statistics;
using Prometheus;

namespace MlOpsDashboard.Core.Drift.Monitoring;

/// <summary>
/// <c>mlops_drift_score{model, feature}</c>, which deploy/monitoring/alert-rules.yaml alerts on
/// above 0.1. Tests give p-values or distances; the gauge puts both on one scale where 0.1 is the
/// drift threshold, so one alert rule fits every feature.
/// </summary>
public static class DriftMetrics
{
    public const string ScoreName = "mlops_drift_score";
    public const double AlertLevel = 0.1;

    private static readonly Gauge Score = Metrics.CreateGauge(ScoreName,
        "Drift of a model's served feature against its reference profile; above 0.1 means drifted (distance ÷ threshold × 0.1, or 0.1·ln(p)/ln(0.05) for p-value tests).",
        new GaugeConfiguration { LabelNames = ["model", "feature"] });

    public static void Set(string model, ColumnDrift drift) => Score.WithLabels(model, drift.Feature).Set(AlertScale(drift));

    /// <summary>Distance ÷ threshold × 0.1; for p-values 0.1·ln(p)/ln(threshold), which passes 0.1 as p drops below it.</summary>
    public static double AlertScale(ColumnDrift drift)
    {
        if (double.IsNaN(drift.Score))
        {
            return 0;
        }
        if (!drift.IsPValue)
        {
            return AlertLevel * drift.Score / drift.Threshold;
        }
        var p = Math.Max(drift.Score, double.Epsilon);
        return p >= 1 ? 0 : AlertLevel * Math.Log(p) / Math.Log(drift.Threshold);
    }
}
