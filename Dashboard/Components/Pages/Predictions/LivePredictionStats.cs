using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

namespace MlOpsDashboard.Dashboard.Components.Pages.Predictions;

/// <summary>One bar of the predicted-value histogram: values in [From, To).</summary>
internal sealed record HistogramBin(double From, double To, int Count);

/// <summary>
/// What the live page shows for one model (and optionally one version), computed once per batch
/// of new predictions rather than per render.
/// </summary>
internal sealed record LivePredictionStats(
    int Count,
    double RequestsPerSecond,
    double? P50,
    double? P95,
    double? P99,
    IReadOnlyList<HistogramBin> Histogram,
    IReadOnlyList<(DateTimeOffset Second, int Count)> Throughput)
{
    /// <summary>Throughput is averaged over this window so a single burst does not dominate the figure.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);

    /// <summary>The throughput chart covers the last minute, one point per second.</summary>
    public static readonly TimeSpan ChartWindow = TimeSpan.FromSeconds(60);

    public const int HistogramBins = 20;

    public static LivePredictionStats Compute(IReadOnlyList<PredictionRecord> records, DateTimeOffset now)
    {
        var latencies = records.Select(r => r.LatencyMilliseconds).Order().ToArray();
        var recent = records.Count(r => r.Timestamp > now - RateWindow && r.Timestamp <= now);
        return new LivePredictionStats(
            records.Count,
            recent / RateWindow.TotalSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            Percentile(latencies, 0.99),
            Bin([.. records.Select(r => r.Output).Where(double.IsFinite)]),
            PerSecond(records, now));
    }

    /// <summary>Nearest-rank percentile of sorted values (null when there are none).</summary>
    internal static double? Percentile(double[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return null;
        }
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    internal static List<HistogramBin> Bin(double[] values)
    {
        if (values.Length == 0)
        {
            return [];
        }
        var min = values.Min();
        var max = values.Max();
        if (max - min < 1e-9)
        {
            return [new HistogramBin(min, max, values.Length)];
        }
        var width = (max - min) / HistogramBins;
        var counts = new int[HistogramBins];
        foreach (var value in values)
        {
            counts[Math.Min(HistogramBins - 1, (int)((value - min) / width))]++;
        }
        return [.. counts.Select((count, i) => new HistogramBin(min + (i * width), min + ((i + 1) * width), count))];
    }

    private static List<(DateTimeOffset, int)> PerSecond(IReadOnlyList<PredictionRecord> records, DateTimeOffset now)
    {
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var seconds = (int)ChartWindow.TotalSeconds;
        var counts = new int[seconds];
        foreach (var record in records)
        {
            var ago = (int)Math.Floor((end - record.Timestamp).TotalSeconds);
            if (ago >= 0 && ago < seconds)
            {
                counts[seconds - 1 - ago]++;
            }
        }
        return [.. counts.Select((count, i) => (end.AddSeconds(i - seconds + 1), count))];
    }
}

/// <summary>How a prediction's inputs and output read in the table, per predictor.</summary>
internal static class PredictionText
{
    public static string Output(PredictionRecord record) => record.Model.Kind switch
    {
        PredictorKind.BuildTime => $"{record.Output:0} s",
        PredictorKind.FailureRisk => $"{record.Output * 100:0.0} % risk",
        _ => $"{record.Output * 100:0} % of tests selected",
    };

    public static string OutputAxis(PredictorKind kind) => kind switch
    {
        PredictorKind.BuildTime => "predicted build time (s)",
        PredictorKind.FailureRisk => "predicted failure probability",
        _ => "share of tests selected",
    };

    /// <summary>The few inputs an on-call engineer recognises at a glance; the full vector is in the prediction log.</summary>
    public static string KeyInputs(PredictionRecord record)
    {
        if (record.Model.Kind == PredictorKind.TestSelection)
        {
            return $"{record.Features.Length} tests";
        }
        if (record.Features is not [var vector, ..])
        {
            return "";
        }
        return string.Join(" · ", KeyBuildInputs
            .Where(k => k.Index < vector.Length)
            .Select(k => $"{k.Label} {vector[k.Index]:0.##}"));
    }

    private static readonly (string Label, int Index)[] KeyBuildInputs =
    [
        ("files", IndexOf("FilesModified")),
        ("+lines", IndexOf("LinesAdded")),
        ("-lines", IndexOf("LinesDeleted")),
        ("commits", IndexOf("Commits")),
        ("prev failed", IndexOf("PreviousBuildFailed")),
    ];

    private static int IndexOf(string name)
    {
        var names = Core.Predictors.Features.BuildFeatureVector.Names;
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"Build feature {name} is not in the feature vector.");
    }
}
