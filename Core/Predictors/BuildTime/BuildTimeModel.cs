using System.Text.Json;
using Microsoft.ML;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Core.Predictors.BuildTime;

/// <summary>What besides the ML.NET model a build-time version needs to answer: interval and medians.</summary>
/// <summary>
/// With <paramref name="LogTarget"/> the model predicts log(1+seconds) - log(1+previous build's seconds):
/// the previous duration anchors the answer and the trees learn how this change moves it.
/// </summary>
public sealed record BuildTimeCalibration(double ResidualLow, double ResidualHigh, double Coverage, float[] Medians, bool LogTarget)
{
    /// <summary>The trees see no absolute previous duration (see <see cref="BuildTimeInputs"/>); false for versions stored before.</summary>
    public bool RelativeInputs { get; init; }

    /// <summary>Permutation importance on the validation part, in seconds of MAE; empty for versions stored before.</summary>
    public IReadOnlyList<FeatureImportance> FeatureImportance { get; init; } = [];
}

/// <summary>A trained FastTree build-time model with its residual interval and explainer.</summary>
public sealed class BuildTimeModel : IBuildTimePredictor
{
    public const string ModelFile = "model.zip";
    public const string CalibrationFile = "calibration.json";

    private readonly MLContext _context;
    private readonly ITransformer _model;

    internal BuildTimeModel(MLContext context, ITransformer model, BuildTimeCalibration calibration, ModelVersionId version, string dataSource)
    {
        _context = context;
        _model = model;
        Calibration = calibration;
        Version = version;
        DataSource = dataSource;
    }

    public ModelVersionId Version { get; }

    public string DataSource { get; }

    public BuildTimeCalibration Calibration { get; }

    public BuildTimePrediction Predict(BuildFeatures features)
    {
        var vector = BuildFeatureVector.ToVector(features);
        var seconds = PredictBatch([vector])[0];
        var drivers = DriverExplainer.Explain(vector, Calibration.Medians, BuildFeatureVector.Names, PredictBatch);
        return new BuildTimePrediction(
            seconds,
            Math.Max(0, seconds + Calibration.ResidualLow),
            Math.Max(0, seconds + Calibration.ResidualHigh),
            Calibration.Coverage,
            drivers,
            BuildTimeRecommendations.From(features, drivers, seconds),
            Version);
    }

    public IReadOnlyList<double> PredictBatch(IReadOnlyList<float[]> vectors)
    {
        var inputs = Calibration.RelativeInputs ? [.. vectors.Select(v => BuildTimeInputs.ForModel(v, relative: true))] : vectors;
        var scores = MlNetData.Score(_context, _model, inputs, BuildFeatureVector.Length, "Score");
        return [.. scores.Select((s, i) => Math.Max(0, Calibration.LogTarget
            ? (1 + Math.Max(0, vectors[i][PreviousDurationIndex])) * Math.Exp(s) - 1
            : s))];
    }

    internal static readonly int PreviousDurationIndex = BuildFeatureVector.Names.ToList().IndexOf(nameof(BuildFeatures.PreviousDurationSeconds));

    internal BuildTimeModel WithIdentity(ModelVersionId version, string dataSource) => new(_context, _model, Calibration, version, dataSource);

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var schema = MlNetData.Regression(_context, [], BuildFeatureVector.Length).Schema;
        _context.Model.Save(_model, schema, Path.Combine(directory, ModelFile));
        File.WriteAllText(Path.Combine(directory, CalibrationFile), JsonSerializer.Serialize(Calibration));
    }

    public static BuildTimeModel Load(string directory, ModelVersionId version, string dataSource)
    {
        var context = new MLContext(seed: 1);
        var model = context.Model.Load(Path.Combine(directory, ModelFile), out _);
        var calibration = JsonSerializer.Deserialize<BuildTimeCalibration>(File.ReadAllText(Path.Combine(directory, CalibrationFile)))
            ?? throw new InvalidDataException($"{directory}: {CalibrationFile} is empty.");
        return new BuildTimeModel(context, model, calibration, version, dataSource);
    }
}
