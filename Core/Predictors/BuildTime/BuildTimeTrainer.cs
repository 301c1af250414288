using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Core.Predictors.BuildTime;

public sealed record BuildTimeTrainingOptions
{
    /// <summary>
    /// Chosen on the validation part of the BuildFast data (bench/README "Tree count"): the best
    /// validation MAE of 25, 50, 75, 100, 150 and 300 trees was 118.1, 117.6, 117.7, 117.7, 117.8 and
    /// 117.9 s. The clipped log-ratio target leaves little for later trees to fit, and every
    /// served answer walks each tree (once more per diverging feature for its drivers).
    /// </summary>
    public int Trees { get; init; } = 50;
    public int Leaves { get; init; } = 31;
    public double LearningRate { get; init; } = 0.05;

    /// <summary>
    /// Train on the log-ratio to the previous build's duration: errors then scale with the build
    /// (durations span seconds to hours) and the previous duration anchors every answer.
    /// </summary>
    public bool LogTarget { get; init; } = true;

    /// <summary>
    /// Also try hiding the absolute previous duration from the trees (it stays the anchor of the
    /// log-ratio); whether it is hidden is chosen on the validation part, like the clip:
    /// a project whose builds grow past everything in training (checkstyle: 20 minutes in
    /// training, 90 in test) otherwise falls into leaves learned from its rare slow outliers and
    /// is predicted to drop sharply. Where the previous duration says little (builds whose length
    /// follows the change alone), seeing its absolute value wins instead.
    /// </summary>
    public bool RelativeInputs { get; init; } = true;

    /// <summary>
    /// Log-ratio targets are clipped to ± a bound before fitting (0 = no clipping); the bound with
    /// the lowest MAE on the validation part wins. Builds that die in their first minute pull a
    /// squared-error fit far below the typical build; clipping keeps the answer near the median,
    /// which is what the mean absolute error rewards.
    /// </summary>
    public IReadOnlyList<double> TargetClipCandidates { get; init; } = [0.15, 0.25, 0.5, 1.0];

    /// <summary>Share of validation builds the prediction interval must hold.</summary>
    public double IntervalCoverage { get; init; } = 0.8;
    public int Seed { get; init; } = 7;
}

/// <summary>
/// Trains the FastTree build-time regression. The last 20% of each project's training builds
/// (chronologically) stay out of fitting and give the residual quantiles of the interval.
/// </summary>
public static class BuildTimeTrainer
{
    public static BuildTimeModel Train(IReadOnlyList<BuildExample> examples, BuildTimeTrainingOptions options, IProgress<string>? progress = null)
    {
        if (examples.Count < 20)
        {
            throw new ArgumentException($"Build time needs at least 20 builds to train; got {examples.Count}.", nameof(examples));
        }
        var (fit, validation) = ChronologicalSplit.Split(examples, e => e.Project, e => e.Order);
        var context = new MLContext(seed: options.Seed);
        var fitMedians = DriverExplainer.Medians([.. fit.Select(e => BuildFeatureVector.ToVector(e.Features))], BuildFeatureVector.Length);
        var validationVectors = validation.Select(e => BuildFeatureVector.ToVector(e.Features)).ToList();
        var durations = validation.Select(e => e.DurationSeconds).ToList();
        BuildTimeModel? interim = null;
        var bestMae = double.PositiveInfinity;
        var clip = 0.0;
        var relative = false;
        IReadOnlyList<double> clips = options.LogTarget && options.TargetClipCandidates.Count > 0 ? options.TargetClipCandidates : [0.0];
        bool[] inputs = options.LogTarget && options.RelativeInputs ? [true, false] : [false];
        foreach (var (hidden, candidate) in inputs.SelectMany(h => clips.Select(c => (h, c))))
        {
            progress?.Report($"build time: fitting FastTree ({options.Trees} trees) on {fit.Count} builds, log-ratio clipped at {candidate}, previous duration {(hidden ? "hidden" : "seen")}");
            var model = new BuildTimeModel(context, Fit(context, fit, options, candidate, hidden),
                new BuildTimeCalibration(0, 0, 0, fitMedians, options.LogTarget) { RelativeInputs = hidden },
                default, "");
            var mae = QualityMetrics.MeanAbsoluteError(durations, model.PredictBatch(validationVectors));
            progress?.Report($"build time: validation MAE {mae:0.0} s");
            if (mae < bestMae)
            {
                (interim, bestMae, clip, relative) = (model, mae, candidate, hidden);
            }
        }
        var predicted = interim!.PredictBatch(validationVectors);
        var residuals = validation.Select((e, i) => e.DurationSeconds - predicted[i]).Order().ToList();
        var tail = (1 - options.IntervalCoverage) / 2;
        progress?.Report($"build time: feature importance on {validation.Count} validation builds");
        var importance = PermutationImportance.Compute(validationVectors, BuildFeatureVector.Names,
            rows => -QualityMetrics.MeanAbsoluteError(durations, interim.PredictBatch(rows)), options.Seed);
        progress?.Report($"build time: clip {clip}, previous duration {(relative ? "hidden" : "seen")} chosen, interval from {residuals.Count} validation builds; refitting on all {examples.Count}");
        // The final fit sees every training build; the interval keeps the held-out residuals.
        var final = Fit(context, examples, options, clip, relative);
        var calibration = interim.Calibration with
        {
            ResidualLow = QualityMetrics.Quantile(residuals, tail),
            ResidualHigh = QualityMetrics.Quantile(residuals, 1 - tail),
            Coverage = options.IntervalCoverage,
            Medians = DriverExplainer.Medians([.. examples.Select(e => BuildFeatureVector.ToVector(e.Features))], BuildFeatureVector.Length),
            FeatureImportance = importance,
        };
        return new BuildTimeModel(context, final, calibration, new ModelVersionId(PredictorKind.BuildTime, 1), "");
    }

    private static ITransformer Fit(MLContext context, IReadOnlyList<BuildExample> examples, BuildTimeTrainingOptions options, double clip, bool relative)
    {
        var data = MlNetData.Regression(context,
            examples.Select(e => (BuildTimeInputs.ForModel(BuildFeatureVector.ToVector(e.Features), relative), Target(e, options.LogTarget, clip))),
            BuildFeatureVector.Length);
        var trainer = context.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = 10,
            FeatureFraction = 0.9,
            NumberOfThreads = 2,
        });
        return trainer.Fit(data);
    }

    private static float Target(BuildExample example, bool logTarget, double clip)
    {
        if (!logTarget)
        {
            return (float)example.DurationSeconds;
        }
        var ratio = Math.Log(1 + Math.Max(0, example.DurationSeconds)) - Math.Log(1 + Math.Max(0, example.Features.PreviousDurationSeconds));
        return (float)(clip > 0 ? Math.Clamp(ratio, -clip, clip) : ratio);
    }
}
