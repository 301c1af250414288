using System.Text.Json;
using Microsoft.ML;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
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
        Version = version;
        DataSource = dataSource;
    }

    public ModelVersionId Version { get; }

    public string DataSource { get; }

    public FailureRiskCalibration Calibration { get; }

    /// <summary>"torchsharp-mlp" or "mlnet-fasttree".</summary>
    public abstract string Trainer { get; }

    public abstract IReadOnlyList<double> PredictProbabilities(IReadOnlyList<float[]> vectors);

    public FailureRiskPrediction Predict(BuildFeatures features)
    {
        var vector = BuildFeatureVector.ToVector(features);
        var probability = PredictProbabilities([vector])[0];
        var drivers = DriverExplainer.Explain(vector, Calibration.Medians, BuildFeatureVector.Names, PredictProbabilities);
        return new FailureRiskPrediction(probability, Calibration.Threshold, probability >= Calibration.Threshold, drivers, Version);
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

    public static FailureRiskModel Load(string directory, ModelVersionId version, string dataSource)
    {
        var calibration = JsonSerializer.Deserialize<FailureRiskCalibration>(File.ReadAllText(Path.Combine(directory, CalibrationFile)))
            ?? throw new InvalidDataException($"{directory}: {CalibrationFile} is empty.");
        return calibration.Scaler is null
            ? GradientBoostedFailureRiskModel.Load(directory, calibration, version, dataSource)
            : MlpFailureRiskModel.Load(directory, calibration, version, dataSource);
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

    /// <summary>Permutation importance on the validation part, in ROC AUC points; empty for versions stored before.</summary>
    public IReadOnlyList<FeatureImportance> FeatureImportance { get; init; } = [];

    public double ThresholdFor(string? project) =>
        project is not null && ProjectThresholds.TryGetValue(project, out var threshold) ? threshold : Threshold;
}

public sealed class MlpFailureRiskModel : FailureRiskModel
{
    public const string NetworkFile = "mlp.dat";

    private readonly nn.Module<Tensor, Tensor> _network;
    private readonly Lock _gate = new();

    internal MlpFailureRiskModel(nn.Module<Tensor, Tensor> network, FailureRiskCalibration calibration, ModelVersionId version, string dataSource)
        : base(calibration, version, dataSource)
    {
        _network = network;
        _network.eval();
    }

    public override string Trainer => "torchsharp-mlp";

    public override IReadOnlyList<double> PredictProbabilities(IReadOnlyList<float[]> vectors)
    {
        var scaler = Calibration.Scaler!;
        var scaled = vectors.Select(scaler.Transform).ToList();
        // One forward pass at a time: a TorchSharp module is not documented as thread-safe.
        lock (_gate)
        {
            return FailureRiskNetwork.Probabilities(_network, scaled, BuildFeatureVector.Length);
        }
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
        var network = FailureRiskNetwork.Create(BuildFeatureVector.Length);
        network.load(Path.Combine(directory, NetworkFile));
        return new MlpFailureRiskModel(network, calibration, version, dataSource);
    }
}

public sealed class GradientBoostedFailureRiskModel : FailureRiskModel
{
    public const string ModelFile = "model.zip";

    private readonly MLContext _context;
    private readonly ITransformer _model;

    internal GradientBoostedFailureRiskModel(MLContext context, ITransformer model, FailureRiskCalibration calibration, ModelVersionId version, string dataSource)
        : base(calibration, version, dataSource)
    {
        _context = context;
        _model = model;
    }

    public override string Trainer => "mlnet-fasttree";

    public override IReadOnlyList<double> PredictProbabilities(IReadOnlyList<float[]> vectors) =>
        [.. MlNetData.Score(_context, _model, vectors, BuildFeatureVector.Length, "Probability").Select(p => (double)p)];

    public override void Save(string directory)
    {
        SaveCalibration(directory);
        _context.Model.Save(_model, MlNetData.Regression(_context, [], BuildFeatureVector.Length).Schema, Path.Combine(directory, ModelFile));
    }

    internal override FailureRiskModel WithIdentity(ModelVersionId version, string dataSource) => new GradientBoostedFailureRiskModel(_context, _model, Calibration, version, dataSource);

    internal override FailureRiskModel WithCalibration(FailureRiskCalibration calibration) => new GradientBoostedFailureRiskModel(_context, _model, calibration, Version, DataSource);

    internal static GradientBoostedFailureRiskModel Load(string directory, FailureRiskCalibration calibration, ModelVersionId version, string dataSource)
    {
        var context = new MLContext(seed: 1);
        return new GradientBoostedFailureRiskModel(context, context.Model.Load(Path.Combine(directory, ModelFile), out _), calibration, version, dataSource);
    }
}
