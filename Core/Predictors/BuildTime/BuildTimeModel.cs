using System.Buffers;
using System.Text.Json;
using Microsoft.ML;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Scoring;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Core.Predictors.BuildTime;

/// <summary>
/// What besides the ML.NET model a build-time version needs to answer: interval and medians.
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

/// <summary>
/// A trained FastTree build-time model with its residual interval and explainer. Answers come from
/// <see cref="TreeEnsembleScorer"/> (the trees walked directly, identical to ML.NET's scores); the
/// ML.NET transformer is kept only to save the model.
/// </summary>
public sealed class BuildTimeModel : IBuildTimePredictor
{
    public const string ModelFile = "model.zip";
    public const string CalibrationFile = "calibration.json";

    private readonly MLContext _context;
    private readonly ITransformer _model;
    private readonly TreeEnsembleScorer _scorer;
    private readonly float[] _treeMedians;

    internal BuildTimeModel(MLContext context, ITransformer model, BuildTimeCalibration calibration, ModelVersionId version, string dataSource)
    {
        _context = context;
        _model = model;
        _scorer = TreeEnsembleScorer.From(model);
        _treeMedians = BuildTimeInputs.ForModel(calibration.Medians, calibration.RelativeInputs);
        Calibration = calibration;
        Version = version;
        DataSource = dataSource;
    }

    public ModelVersionId Version { get; }

    public string DataSource { get; }

    public BuildTimeCalibration Calibration { get; }

    public BuildTimePrediction Predict(BuildFeatures features) => Predict(features, BuildFeatureVector.ToVector(features));

    public BuildTimePrediction Predict(BuildFeatures features, float[] vector)
    {
        var medians = Calibration.Medians;
        // One walk gives the score and, per feature, the score with that feature at its median: the drivers' perturbations.
        // With relative inputs the trees never see the previous duration; it acts only through ToSeconds' anchor.
        Span<float> scoresWithMedian = stackalloc float[vector.Length];
        Span<float> replacements = stackalloc float[vector.Length];
        BuildTimeInputs.MedianReplacements(vector, medians, _treeMedians, Calibration.RelativeInputs, replacements);
        Span<float> treeInputs = stackalloc float[vector.Length];
        var seconds = ToSeconds(_scorer.ScoreEachReplaced(BuildTimeInputs.ForModel(vector, Calibration.RelativeInputs, treeInputs), replacements, scoresWithMedian), vector[PreviousDurationIndex]);
        Span<double> secondsWithMedian = stackalloc double[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            secondsWithMedian[i] = ToSeconds(scoresWithMedian[i], i == PreviousDurationIndex ? medians[i] : vector[PreviousDurationIndex]);
        }
        if (BuildTimeInputs.PreviousDurationMovesInputs(vector, Calibration.RelativeInputs))
        {
            // The previous duration at its median moves the anchor and the recent passed ratio with it: one more walk.
            Span<float> atMedian = stackalloc float[vector.Length];
            vector.CopyTo(atMedian);
            atMedian[PreviousDurationIndex] = medians[PreviousDurationIndex];
            secondsWithMedian[PreviousDurationIndex] = ToSeconds(_scorer.Score(BuildTimeInputs.ForModel(atMedian, relative: true, treeInputs)), medians[PreviousDurationIndex]);
        }
        var drivers = DriverExplainer.Rank(vector, medians, BuildFeatureVector.Names, seconds, secondsWithMedian);
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
        var scores = vectors.Count <= 256 ? stackalloc float[vectors.Count] : new float[vectors.Count];
        if (Calibration.RelativeInputs && vectors.Count > 0)
        {
            ScoreRelative(vectors, scores);
        }
        else
        {
            _scorer.ScoreBatch(vectors, scores);
        }
        var seconds = new double[vectors.Count];
        for (var i = 0; i < seconds.Length; i++)
        {
            seconds[i] = ToSeconds(scores[i], vectors[i][PreviousDurationIndex]);
        }
        return seconds;
    }

    /// <summary>
    /// The rows' tree inputs written into one pooled flat buffer (no copy of each vector), scored as
    /// <see cref="TreeEnsembleScorer.ScoreBatch(IReadOnlyList{float[]}, Span{float})"/> would score the copies.
    /// </summary>
    private void ScoreRelative(IReadOnlyList<float[]> vectors, Span<float> scores)
    {
        var width = vectors[0].Length;
        var flat = ArrayPool<float>.Shared.Rent(vectors.Count * width);
        try
        {
            for (var r = 0; r < vectors.Count; r++)
            {
                if (vectors[r].Length != width)
                {
                    throw new ArgumentException($"Row {r} has {vectors[r].Length} features; row 0 has {width}.", nameof(vectors));
                }
                BuildTimeInputs.ForModel(vectors[r], relative: true, flat.AsSpan(r * width, width));
            }
            _scorer.ScoreBatch(flat.AsSpan(0, vectors.Count * width), width, scores);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(flat);
        }
    }

    /// <summary>The model's score in seconds: with a log target, the previous build's duration scaled by exp(score).</summary>
    private double ToSeconds(float score, float previousDurationSeconds) => Math.Max(0, Calibration.LogTarget
        ? ((1 + Math.Max(0, previousDurationSeconds)) * Math.Exp(score)) - 1
        : score);

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
        return new BuildTimeModel(context, model, WidenedToCanonical(calibration, version), version, dataSource);
    }

    /// <summary>
    /// A version stored before columns were appended to the canonical vector has fewer medians: its trees never
    /// read the new columns, so they get a median of 0 (no driver) and the version answers as it did. A version
    /// with more columns than this build computes was trained by a newer dashboard and is refused.
    /// </summary>
    internal static BuildTimeCalibration WidenedToCanonical(BuildTimeCalibration calibration, ModelVersionId version)
    {
        var stored = calibration.Medians.Length;
        if (stored > BuildFeatureVector.Length)
        {
            throw new InvalidDataException(
                $"Build-time version {version} was trained on {stored} feature columns; this dashboard computes {BuildFeatureVector.Length}. Retrain it with this dashboard.");
        }
        if (stored == BuildFeatureVector.Length)
        {
            return calibration;
        }
        var medians = new float[BuildFeatureVector.Length];
        calibration.Medians.CopyTo(medians, 0);
        return calibration with { Medians = medians };
    }
}
