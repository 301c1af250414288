using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MlOpsDashboard.Core.Predictors.FailureRisk;

public sealed record FailureRiskTrainingOptions
{
    public int MaxEpochs { get; init; } = 60;
    public int Patience { get; init; } = 8;
    public int BatchSize { get; init; } = 256;
    public double LearningRate { get; init; } = 1e-3;
    public int ChallengerTrees { get; init; } = 300;
    public int Seed { get; init; } = 7;

    /// <summary>A project gets its own decision threshold when its validation part holds at least this many failed builds.</summary>
    public int MinFailuresForProjectThreshold { get; init; } = 5;

    /// <summary>
    /// The canonical columns both models read, in order; by default all but the build-time-only ones
    /// (<see cref="FailureRiskInputs.Default"/>), so a column added for build time leaves the network's width,
    /// scaler and initialisation as they were.
    /// </summary>
    public IReadOnlyList<string> InputColumns { get; init; } = FailureRiskInputs.Default.Names;
}

/// <summary>How a trained candidate did on the chronological validation part.</summary>
public sealed record ValidationScore(double Auc, double F1, double Threshold, int Epochs);

public sealed record FailureRiskTrainingResult(
    FailureRiskModel Network, ValidationScore NetworkScore,
    FailureRiskModel Challenger, ValidationScore ChallengerScore,
    FailureRiskModel Averaged, ValidationScore AveragedScore)
{
    /// <summary>Between the two trained models the better on validation (ROC AUC, then F1) leads.</summary>
    public bool NetworkLeads => NetworkScore.Auc > ChallengerScore.Auc
        || (NetworkScore.Auc == ChallengerScore.Auc && NetworkScore.F1 >= ChallengerScore.F1);

    /// <summary>The average becomes champion only when its validation AUC beats both members'.</summary>
    public bool AveragedIsChampion => AveragedScore.Auc > Math.Max(NetworkScore.Auc, ChallengerScore.Auc);

    public FailureRiskModel Champion => AveragedIsChampion ? Averaged : NetworkLeads ? Network : Challenger;

    public FailureRiskModel RunnerUp => AveragedIsChampion ? (NetworkLeads ? Network : Challenger) : NetworkLeads ? Challenger : Network;
}

/// <summary>
/// Trains the TorchSharp MLP (class-weighted BCE, Adam, early stopping on validation AUC) and
/// the ML.NET FastTree challenger on the same split: the last 20% of each project's training
/// builds validate, in time order. The mean of their probabilities is scored on the same
/// validation part as a third candidate.
/// </summary>
public static class FailureRiskTrainer
{
    public static FailureRiskTrainingResult Train(IReadOnlyList<BuildExample> examples, FailureRiskTrainingOptions options, IProgress<string>? progress = null)
    {
        var (fit, validation) = ChronologicalSplit.Split(examples, e => e.Project, e => e.Order);
        if (fit.Count(e => e.Failed) == 0 || fit.All(e => e.Failed) || validation.Count == 0)
        {
            throw new ArgumentException($"Failure risk needs failed and passed builds to train and a validation part; got {examples.Count} builds, {examples.Count(e => e.Failed)} failed.", nameof(examples));
        }
        var inputs = new FailureRiskInputs(options.InputColumns);
        var fitVectors = fit.Select(e => inputs.ToVector(e.Features)).ToList();
        var fitLabels = fit.Select(e => e.Failed).ToList();
        var validationVectors = validation.Select(e => inputs.ToVector(e.Features)).ToList();
        var validationLabels = validation.Select(e => e.Failed).ToList();
        var medians = DriverExplainer.Medians(fitVectors, inputs.Count);
        var calibration = new FailureRiskCalibration(0.5, medians, null) { InputColumns = inputs.Names };

        var (network, networkScore) = TrainNetwork(fitVectors, fitLabels, validationVectors, validationLabels, calibration, options, progress);
        progress?.Report($"failure risk: network AUC {networkScore.Auc:0.000} F1 {networkScore.F1:0.000} after {networkScore.Epochs} epochs; fitting FastTree challenger");
        var (challenger, challengerScore) = TrainChallenger(fitVectors, fitLabels, validationVectors, validationLabels, calibration, options);
        progress?.Report($"failure risk: challenger AUC {challengerScore.Auc:0.000} F1 {challengerScore.F1:0.000}; per-project thresholds and feature importance on validation");
        var projects = validation.Select(e => e.Project).ToList();
        var finishedNetwork = Finish(network, validationVectors, validationLabels, projects, options);
        var finishedChallenger = Finish(challenger, validationVectors, validationLabels, projects, options);
        var averaged = new AveragedFailureRiskModel(finishedNetwork, finishedChallenger, calibration, network.Version, "");
        var averagedProbabilities = averaged.PredictFromInputs(validationVectors);
        var (averagedThreshold, averagedF1) = BestThreshold(validationLabels, averagedProbabilities);
        var averagedScore = new ValidationScore(QualityMetrics.RocAuc(validationLabels, averagedProbabilities), averagedF1, averagedThreshold, 0);
        progress?.Report($"failure risk: average of both AUC {averagedScore.Auc:0.000} F1 {averagedScore.F1:0.000}");
        return new FailureRiskTrainingResult(
            finishedNetwork, networkScore,
            finishedChallenger, challengerScore,
            Finish(averaged.WithCalibration(averaged.Calibration with { Threshold = averagedThreshold }), validationVectors, validationLabels, projects, options), averagedScore);
    }

    /// <summary>Adds what only the validation part can tell: per-project thresholds and feature importance.</summary>
    private static FailureRiskModel Finish(FailureRiskModel model, List<float[]> vectors, List<bool> labels, List<string> projects, FailureRiskTrainingOptions options)
    {
        var probabilities = model.PredictFromInputs(vectors);
        var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var project in projects.Distinct())
        {
            var rows = Enumerable.Range(0, projects.Count).Where(i => projects[i] == project).ToList();
            if (rows.Count(i => labels[i]) >= options.MinFailuresForProjectThreshold)
            {
                thresholds[project] = BestThreshold([.. rows.Select(i => labels[i])], [.. rows.Select(i => probabilities[i])]).Threshold;
            }
        }
        var importance = PermutationImportance.Compute(vectors, model.Inputs.Names,
            rows => QualityMetrics.RocAuc(labels, model.PredictFromInputs(rows)), options.Seed);
        return model.WithCalibration(model.Calibration with { ProjectThresholds = thresholds, FeatureImportance = importance });
    }

    private static (FailureRiskModel, ValidationScore) TrainNetwork(List<float[]> fitVectors, List<bool> fitLabels,
        List<float[]> validationVectors, List<bool> validationLabels, FailureRiskCalibration calibration, FailureRiskTrainingOptions options, IProgress<string>? progress)
    {
        // The whole training holds torch's random generator: initial weights and every dropout mask come from its seed.
        lock (FailureRiskNetwork.TorchRandom)
        {
            return TrainNetworkFromSeed(fitVectors, fitLabels, validationVectors, validationLabels, calibration, options, progress);
        }
    }

    private static (FailureRiskModel, ValidationScore) TrainNetworkFromSeed(List<float[]> fitVectors, List<bool> fitLabels,
        List<float[]> validationVectors, List<bool> validationLabels, FailureRiskCalibration calibration, FailureRiskTrainingOptions options, IProgress<string>? progress)
    {
        torch.random.manual_seed(options.Seed);
        var inputs = calibration.Medians.Length;
        var scaler = FeatureScaler.Fit(fitVectors, inputs);
        var x = fitVectors.Select(scaler.Transform).ToList();
        var validationX = validationVectors.Select(scaler.Transform).ToList();
        var positives = fitLabels.Count(l => l);
        // Class weighting: failures weigh as much in total as passes.
        var positiveWeight = (float)((fitLabels.Count - positives) / (double)positives);

        var network = FailureRiskNetwork.Create(inputs);
        var optimizer = optim.Adam(network.parameters(), options.LearningRate);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, x.Count).ToArray();
        var bestAuc = double.NegativeInfinity;
        Dictionary<string, Tensor>? best = null;
        var bestEpoch = 0;
        for (var epoch = 1; epoch <= options.MaxEpochs && epoch - bestEpoch <= options.Patience; epoch++)
        {
            network.train();
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                using var scope = torch.NewDisposeScope();
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)).ToArray();
                var flat = new float[batch.Length * inputs];
                var labels = new float[batch.Length];
                var weights = new float[batch.Length];
                for (var i = 0; i < batch.Length; i++)
                {
                    Array.Copy(x[batch[i]], 0, flat, i * inputs, inputs);
                    labels[i] = fitLabels[batch[i]] ? 1 : 0;
                    weights[i] = fitLabels[batch[i]] ? positiveWeight : 1;
                }
                optimizer.zero_grad();
                var output = network.call(torch.tensor(flat, [batch.Length, inputs])).reshape(-1);
                var loss = nn.functional.binary_cross_entropy(output, torch.tensor(labels), torch.tensor(weights));
                loss.backward();
                optimizer.step();
            }
            network.eval();
            var auc = QualityMetrics.RocAuc(validationLabels, FailureRiskNetwork.Probabilities(network, validationX, inputs));
            if (auc > bestAuc)
            {
                bestAuc = auc;
                bestEpoch = epoch;
                best = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            }
            progress?.Report($"failure risk: epoch {epoch}, validation AUC {auc:0.000} (best {bestAuc:0.000} at epoch {bestEpoch})");
        }
        if (best is not null)
        {
            network.load_state_dict(best);
        }
        network.eval();
        var probabilities = FailureRiskNetwork.Probabilities(network, validationX, inputs);
        var (threshold, f1) = BestThreshold(validationLabels, probabilities);
        var model = new MlpFailureRiskModel(network, calibration with { Threshold = threshold, Scaler = scaler }, new ModelVersionId(PredictorKind.FailureRisk, 1), "");
        return (model, new ValidationScore(QualityMetrics.RocAuc(validationLabels, probabilities), f1, threshold, bestEpoch));
    }

    private static (FailureRiskModel, ValidationScore) TrainChallenger(List<float[]> fitVectors, List<bool> fitLabels,
        List<float[]> validationVectors, List<bool> validationLabels, FailureRiskCalibration calibration, FailureRiskTrainingOptions options)
    {
        var context = new MLContext(seed: options.Seed);
        var data = MlNetData.Binary(context, fitVectors.Zip(fitLabels), calibration.Medians.Length);
        var model = context.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.ChallengerTrees,
            NumberOfLeaves = 16,
            LearningRate = 0.05,
            MinimumExampleCountPerLeaf = 20,
            FeatureFraction = 0.8,
            UnbalancedSets = true,
            NumberOfThreads = 2,
        }).Fit(data);
        var candidate = new GradientBoostedFailureRiskModel(context, model, calibration, new ModelVersionId(PredictorKind.FailureRisk, 1), "");
        var probabilities = candidate.PredictFromInputs(validationVectors);
        var (threshold, f1) = BestThreshold(validationLabels, probabilities);
        var calibrated = new GradientBoostedFailureRiskModel(context, model, calibration with { Threshold = threshold }, candidate.Version, "");
        return (calibrated, new ValidationScore(QualityMetrics.RocAuc(validationLabels, probabilities), f1, threshold, 0));
    }

    /// <summary>The probability cut with the best F1 of the failed class on validation.</summary>
    internal static (double Threshold, double F1) BestThreshold(IReadOnlyList<bool> labels, IReadOnlyList<double> probabilities)
    {
        var best = (Threshold: 0.5, F1: 0.0);
        foreach (var candidate in probabilities.Distinct().Order().Where((_, i) => i % Math.Max(1, probabilities.Count / 400) == 0))
        {
            var f1 = QualityMetrics.F1(labels, [.. probabilities.Select(p => p >= candidate)]);
            if (f1 > best.F1)
            {
                best = (candidate, f1);
            }
        }
        return best;
    }
}
