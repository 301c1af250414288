using System.Text.Json;
using Microsoft.ML;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Scoring;
using MlOpsDashboard.Core.Predictors.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MlOpsDashboard.Core.Predictors.FailureRisk;

/// <summary>A failure-risk model of either trainer: batch scoring plus the shared single-build answer.</summary>
public abstract class FailureRiskModel : IFailureRiskPredictor
{
    protected FailureRiskModel(FailureRiskCalibration calibration, ModelVersionId version, string dataSource)
    {
        Calibration = calibration;
        Inputs = InputsOf(calibration, version);
        Version = version;
        DataSource = dataSource;
        RequireWidth("medians", calibration.Medians.Length);
    }

    public ModelVersionId Version { get; }

    public string DataSource { get; }

    public FailureRiskCalibration Calibration { get; }

    /// <summary>The canonical columns this version reads, in its own order (<see cref="FailureRiskCalibration.InputColumns"/>).</summary>
    public FailureRiskInputs Inputs { get; }

    /// <summary>"torchsharp-mlp", "mlnet-fasttree" or their average.</summary>
    public abstract string Trainer { get; }

    /// <summary>Probabilities of canonical vectors (<see cref="BuildFeatureVector.ToVector"/>); each is narrowed to <see cref="Inputs"/>.</summary>
    public IReadOnlyList<double> PredictProbabilities(IReadOnlyList<float[]> vectors) => PredictFromInputs([.. vectors.Select(Inputs.Select)]);

    /// <summary>Probabilities of rows already holding <see cref="Inputs"/>, in that order.</summary>
    public abstract IReadOnlyList<double> PredictFromInputs(IReadOnlyList<float[]> rows);

    public FailureRiskPrediction Predict(BuildFeatures features) => Predict(features, BuildFeatureVector.ToVector(features));

    public FailureRiskPrediction Predict(BuildFeatures features, float[] vector)
    {
        var (probability, drivers) = Explain(Inputs.Select(vector));
        return new FailureRiskPrediction(probability, Calibration.Threshold, probability >= Calibration.Threshold, drivers, Version);
    }

    /// <summary>The probability of a row of <see cref="Inputs"/> and its drivers; by default one batch of the row and its n perturbations.</summary>
    protected virtual (double Probability, IReadOnlyList<FeatureDriver> Drivers) Explain(float[] row)
    {
        var probability = PredictFromInputs([row])[0];
        return (probability, DriverExplainer.Explain(row, Calibration.Medians, Inputs.Names, PredictFromInputs));
    }

    /// <summary>The columns a stored calibration names; one this build does not compute refuses the version, not answers it wrongly.</summary>
    private static FailureRiskInputs InputsOf(FailureRiskCalibration calibration, ModelVersionId version)
    {
        try
        {
            return FailureRiskInputs.Of(calibration.InputColumns);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Failure-risk version {version} cannot be answered here: {e.Message} Retrain it with this dashboard.", e);
        }
    }

    /// <summary>A stored part whose width differs from the columns the calibration names is refused on load, not answered wrongly.</summary>
    protected void RequireWidth(string part, int width)
    {
        if (width != Inputs.Count)
        {
            throw new InvalidDataException(
                $"Failure-risk version {Version}: its {part} cover {width} inputs but its calibration names {Inputs.Count} columns; retrain it.");
        }
    }

    public abstract void Save(string directory);

    internal abstract FailureRiskModel WithIdentity(ModelVersionId version, string dataSource);

    /// <summary>The same trained model with other calibration (thresholds, importance) added after validation.</summary>
    internal abstract FailureRiskModel WithCalibration(FailureRiskCalibration calibration);

    public const string CalibrationFile = "calibration.json";

    protected void SaveCalibration(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, CalibrationFile), JsonSerializer.Serialize(Calibration));
    }

    /// <exception cref="InvalidDataException">The version reads a column this build does not compute, or its parts disagree on their width.</exception>
    public static FailureRiskModel Load(string directory, ModelVersionId version, string dataSource)
    {
        var calibration = JsonSerializer.Deserialize<FailureRiskCalibration>(File.ReadAllText(Path.Combine(directory, CalibrationFile)))
            ?? throw new InvalidDataException($"{directory}: {CalibrationFile} is empty.");
        return calibration switch
        {
            { Averaged: true } => AveragedFailureRiskModel.Load(directory, calibration, version, dataSource),
            { Scaler: null } => GradientBoostedFailureRiskModel.Load(directory, calibration, version, dataSource),
            _ => MlpFailureRiskModel.Load(directory, calibration, version, dataSource),
        };
    }
}

/// <summary>Decision threshold (best F1 on validation), medians for drivers and, for the network, its scaler.</summary>
public sealed record FailureRiskCalibration(double Threshold, float[] Medians, FeatureScaler? Scaler)
{
    /// <summary>
    /// Per-project decision thresholds, each the best F1 on that project's validation builds
    /// (only projects with enough failed validation builds); others use <see cref="Threshold"/>.
    /// </summary>
    public IReadOnlyDictionary<string, double> ProjectThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>True for <see cref="AveragedFailureRiskModel"/>: the members live in sub-folders with their own calibration.</summary>
    public bool Averaged { get; init; }

    /// <summary>Permutation importance on the validation part, in ROC AUC points; empty for versions stored before.</summary>
    public IReadOnlyList<FeatureImportance> FeatureImportance { get; init; } = [];

    /// <summary>
    /// The canonical columns the model reads, in order (see <see cref="FailureRiskInputs"/>); null for versions
    /// stored before, which read <see cref="FailureRiskInputs.BeforeNamedColumns"/>.
    /// </summary>
    public IReadOnlyList<string>? InputColumns { get; init; }

    public double ThresholdFor(string? project) =>
        project is not null && ProjectThresholds.TryGetValue(project, out var threshold) ? threshold : Threshold;
}

public sealed class MlpFailureRiskModel : FailureRiskModel
{
    public const string NetworkFile = "mlp.dat";

    private readonly nn.Module<Tensor, Tensor> _network;
    private readonly DenseNetworkEvaluator _evaluator;
    private readonly float[] _scaledMedians;

    internal MlpFailureRiskModel(nn.Module<Tensor, Tensor> network, FailureRiskCalibration calibration, ModelVersionId version, string dataSource)
        : base(calibration, version, dataSource)
    {
        _network = network;
        _network.eval();
        // Answers come from a managed copy of the trained weights (same outputs, no native call or lock);
        // the module is kept to save the model.
        _evaluator = DenseNetworkEvaluator.From(network);
        RequireWidth("network", _evaluator.Inputs);
        RequireWidth("scaler", calibration.Scaler!.Means.Length);
        _scaledMedians = calibration.Scaler.Transform(calibration.Medians);
    }

    public override string Trainer => "torchsharp-mlp";

    public override IReadOnlyList<double> PredictFromInputs(IReadOnlyList<float[]> rows)
    {
        var scaler = Calibration.Scaler!;
        var probabilities = new double[rows.Count];
        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = _evaluator.Probability(scaler.Transform(rows[i]));
        }
        return probabilities;
    }

    protected override (double Probability, IReadOnlyList<FeatureDriver> Drivers) Explain(float[] vector)
    {
        var scaled = Calibration.Scaler!.Transform(vector);
        Span<float> replaced = stackalloc float[vector.Length];
        double probability = _evaluator.ProbabilityEachReplaced(scaled, _scaledMedians, replaced);
        Span<double> withMedian = stackalloc double[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            withMedian[i] = replaced[i];
        }
        return (probability, DriverExplainer.Rank(vector, Calibration.Medians, Inputs.Names, probability, withMedian));
    }

    public override void Save(string directory)
    {
        SaveCalibration(directory);
        _network.save(Path.Combine(directory, NetworkFile));
    }

    internal override FailureRiskModel WithIdentity(ModelVersionId version, string dataSource) => new MlpFailureRiskModel(_network, Calibration, version, dataSource);

    internal override FailureRiskModel WithCalibration(FailureRiskCalibration calibration) => new MlpFailureRiskModel(_network, calibration, Version, DataSource);

    internal static MlpFailureRiskModel Load(string directory, FailureRiskCalibration calibration, ModelVersionId version, string dataSource)
    {
        var network = FailureRiskNetwork.Create(calibration.Medians.Length);
        network.load(Path.Combine(directory, NetworkFile));
        return new MlpFailureRiskModel(network, calibration, version, dataSource);
    }
}

public sealed class GradientBoostedFailureRiskModel : FailureRiskModel
{
    public const string ModelFile = "model.zip";

    private readonly MLContext _context;
    private readonly ITransformer _model;
    private readonly TreeEnsembleScorer _scorer;

    internal GradientBoostedFailureRiskModel(MLContext context, ITransformer model, FailureRiskCalibration calibration, ModelVersionId version, string dataSource)
        : base(calibration, version, dataSource)
    {
        _context = context;
        _model = model;
        _scorer = TreeEnsembleScorer.From(model);
        if (_scorer.FeatureCount > Inputs.Count)
        {
            RequireWidth("trees", _scorer.FeatureCount);
        }
    }

    public override string Trainer => "mlnet-fasttree";

    /// <summary>The trees walked directly (<see cref="TreeEnsembleScorer"/>): ML.NET's calibrated probabilities without its per-call pipeline.</summary>
    public override IReadOnlyList<double> PredictFromInputs(IReadOnlyList<float[]> rows)
    {
        var scores = new float[rows.Count];
        _scorer.ScoreBatch(rows, scores);
        var probabilities = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[i] = _scorer.Calibrate(scores[i]);
        }
        return probabilities;
    }

    protected override (double Probability, IReadOnlyList<FeatureDriver> Drivers) Explain(float[] vector)
    {
        Span<float> scoresWithMedian = stackalloc float[vector.Length];
        var probability = _scorer.Calibrate(_scorer.ScoreEachReplaced(vector, Calibration.Medians, scoresWithMedian));
        Span<double> withMedian = stackalloc double[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            withMedian[i] = _scorer.Calibrate(scoresWithMedian[i]);
        }
        return (probability, DriverExplainer.Rank(vector, Calibration.Medians, Inputs.Names, probability, withMedian));
    }

    public override void Save(string directory)
    {
        SaveCalibration(directory);
        _context.Model.Save(_model, MlNetData.Regression(_context, [], Inputs.Count).Schema, Path.Combine(directory, ModelFile));
    }

    internal override FailureRiskModel WithIdentity(ModelVersionId version, string dataSource) => new GradientBoostedFailureRiskModel(_context, _model, Calibration, version, dataSource);

    internal override FailureRiskModel WithCalibration(FailureRiskCalibration calibration) => new GradientBoostedFailureRiskModel(_context, _model, calibration, Version, DataSource);

    internal static GradientBoostedFailureRiskModel Load(string directory, FailureRiskCalibration calibration, ModelVersionId version, string dataSource)
    {
        var context = new MLContext(seed: 1);
        return new GradientBoostedFailureRiskModel(context, context.Model.Load(Path.Combine(directory, ModelFile), out _), calibration, version, dataSource);
    }
}
