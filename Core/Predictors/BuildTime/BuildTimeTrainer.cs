using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Core.Predictors.BuildTime;

public sealed record BuildTimeTrainingOptions
{
    public int Trees { get; init; } = 300;
    public int Leaves { get; init; } = 31;
    public double LearningRate { get; init; } = 0.05;

    /// <summary>
    /// Train on the log-ratio to the previous build's duration: errors then scale with the build
    /// (durations span seconds to hours) and the previous duration anchors every answer.
    /// </summary>
    public bool LogTarget { get; init; } = true;

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
        progress?.Report($"build time: fitting FastTree ({options.Trees} trees) on {fit.Count} builds");
        var model = Fit(context, fit, options);
        var interim = new BuildTimeModel(context, model,
            new BuildTimeCalibration(0, 0, 0, DriverExplainer.Medians([.. fit.Select(e => BuildFeatureVector.ToVector(e.Features))], BuildFeatureVector.Length), options.LogTarget),
            default, "");
        var predicted = interim.PredictBatch([.. validation.Select(e => BuildFeatureVector.ToVector(e.Features))]);
        var residuals = validation.Select((e, i) => e.DurationSeconds - predicted[i]).Order().ToList();
        var tail = (1 - options.IntervalCoverage) / 2;
        progress?.Report($"build time: interval from {residuals.Count} validation builds; refitting on all {examples.Count}");
        // The final fit sees every training build; the interval keeps the held-out residuals.
        var final = Fit(context, examples, options);
        var calibration = interim.Calibration with
        {
            ResidualLow = QualityMetrics.Quantile(residuals, tail),
            ResidualHigh = QualityMetrics.Quantile(residuals, 1 - tail),
            Coverage = options.IntervalCoverage,
            Medians = DriverExplainer.Medians([.. examples.Select(e => BuildFeatureVector.ToVector(e.Features))], BuildFeatureVector.Length),
        };
        return new BuildTimeModel(context, final, calibration, new ModelVersionId(PredictorKind.BuildTime, 1), "");
    }

    private static ITransformer Fit(MLContext context, IReadOnlyList<BuildExample> examples, BuildTimeTrainingOptions options)
    {
        var data = MlNetData.Regression(context,
            examples.Select(e => (BuildFeatureVector.ToVector(e.Features), (float)(options.LogTarget ? Math.Log(1 + Math.Max(0, e.DurationSeconds)) - Math.Log(1 + Math.Max(0, e.Features.PreviousDurationSeconds)) : e.DurationSeconds))),
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
}
