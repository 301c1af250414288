using System.Buffers;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Scoring;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Core.Predictors.TestSelection;

public sealed record TestSelectionTrainingOptions
{
    public int Trees { get; init; } = 100;
    public int Leaves { get; init; } = 32;
    public int Seed { get; init; } = 7;

    /// <summary>
    /// Evaluation only: refit the forest on every run seen so far once this many new runs have
    /// arrived since the last fit (0 = score every test cycle with the model of the training part).
    /// </summary>
    public int RetrainAfterRuns { get; init; } = 250;

    /// <summary>Evaluation only: the share of each data set's CI cycles, oldest first, that trains before any cycle is scored.</summary>
    public double TrainCycleShare { get; init; } = ChronologicalSplit.DefaultTrainShare;

    /// <summary>
    /// Evaluation only: cycles from this share of the data set on are neither scored nor learned from
    /// (1 = score to the end). With <see cref="TrainCycleShare"/> 0.6 and this 0.8 ideas are compared
    /// on cycles before the test part, so no choice is made on the verdicts of the scored test cycles.
    /// </summary>
    public double EvaluateUntilCycleShare { get; init; } = 1;
}

public sealed record TestSelectionCalibration(float[] Medians)
{
    /// <summary>Permutation importance (ROC AUC points) on the last 20% of the training cycles; empty for versions stored before.</summary>
    public IReadOnlyList<FeatureImportance> FeatureImportance { get; init; } = [];
}

/// <summary>
/// A FastForest classifier whose failure probabilities rank the tests of a change. A change's tests
/// are scored as one batch by walking the trees directly (<see cref="TreeEnsembleScorer"/>, the
/// same probabilities as ML.NET's pipeline); the transformer is kept only to save the model.
/// </summary>
public sealed class TestSelectionModel : ITestSelectionPredictor
{
    public const string ModelFile = "model.zip";
    public const string CalibrationFile = "calibration.json";

    private readonly MLContext _context;
    private readonly ITransformer _model;
    private readonly TreeEnsembleScorer _scorer;

    private TestSelectionModel(MLContext context, ITransformer model, TestSelectionCalibration calibration, ModelVersionId version, string dataSource)
    {
        _context = context;
        _model = model;
        _scorer = TreeEnsembleScorer.From(model);
        Calibration = calibration;
        Version = version;
        DataSource = dataSource;
    }

    public ModelVersionId Version { get; }

    public string DataSource { get; }

    public TestSelectionCalibration Calibration { get; }

    public TestSelectionResult Select(TestSelectionRequest request) => Select(request, null);

    public TestSelectionResult Select(TestSelectionRequest request, IReadOnlyList<float[]>? vectors)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tests = request.Tests;
        var width = TestCaseFeatureVector.Length;
        if (vectors is not null && vectors.Count != tests.Count)
        {
            throw new ArgumentException($"{tests.Count} tests need {tests.Count} vectors; got {vectors.Count}.", nameof(vectors));
        }
        // One pooled flat buffer for every test's features and one for the scores: no array per test.
        var rows = ArrayPool<float>.Shared.Rent(tests.Count * width);
        var scores = ArrayPool<float>.Shared.Rent(tests.Count);
        try
        {
            for (var i = 0; i < tests.Count; i++)
            {
                var row = rows.AsSpan(i * width, width);
                if (vectors is null)
                {
                    TestCaseFeatureVector.Write(tests[i], row);
                }
                else
                {
                    vectors[i].AsSpan(0, width).CopyTo(row);
                }
            }
            _scorer.ScoreBatch(rows.AsSpan(0, tests.Count * width), width, scores);
            var probabilities = new double[tests.Count];
            for (var i = 0; i < probabilities.Length; i++)
            {
                probabilities[i] = _scorer.Calibrate(scores[i]);
            }
            return TestSelector.Select(request, probabilities, Version);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    public IReadOnlyList<double> PredictProbabilities(IReadOnlyList<float[]> vectors)
    {
        var scores = new float[vectors.Count];
        _scorer.ScoreBatch(vectors, scores);
        var probabilities = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[i] = _scorer.Calibrate(scores[i]);
        }
        return probabilities;
    }

    public static TestSelectionModel Train(IReadOnlyList<TestCaseExample> examples, TestSelectionTrainingOptions options, IProgress<string>? progress = null)
    {
        if (!examples.Any(e => e.Failed) || examples.All(e => e.Failed))
        {
            throw new ArgumentException($"Test selection needs failed and passed test runs; got {examples.Count} runs, {examples.Count(e => e.Failed)} failed.", nameof(examples));
        }
        var context = new MLContext(seed: options.Seed);
        var vectors = examples.Select(e => TestCaseFeatureVector.ToVector(e.Features)).ToList();
        var importance = ValidationImportance(context, examples, options, progress);
        progress?.Report($"test selection: fitting FastForest ({options.Trees} trees) on {examples.Count} test runs");
        var model = Fit(context, vectors, [.. examples.Select(e => e.Failed)], options);
        return new TestSelectionModel(context, model,
            new TestSelectionCalibration(DriverExplainer.Medians(vectors, TestCaseFeatureVector.Length)) { FeatureImportance = importance },
            new ModelVersionId(PredictorKind.TestSelection, 1), "");
    }

    /// <summary>A refit on more history for online evaluation: the same forest, without the feature-importance pass.</summary>
    internal static TestSelectionModel Refit(IReadOnlyList<TestCaseExample> examples, TestSelectionTrainingOptions options)
    {
        var context = new MLContext(seed: options.Seed);
        var vectors = examples.Select(e => TestCaseFeatureVector.ToVector(e.Features)).ToList();
        var model = Fit(context, vectors, [.. examples.Select(e => e.Failed)], options);
        return new TestSelectionModel(context, model, new TestSelectionCalibration([]), new ModelVersionId(PredictorKind.TestSelection, 1), "");
    }

    private static ITransformer Fit(MLContext context, List<float[]> vectors, List<bool> failed, TestSelectionTrainingOptions options)
    {
        var data = MlNetData.Binary(context, vectors.Zip(failed), TestCaseFeatureVector.Length);
        // FastForest scores are vote fractions, not probabilities; Platt scaling makes them probabilities
        // so thresholds and the expected share of failures caught mean what they say.
        return context.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = 10,
            FeatureFraction = 0.9,
            NumberOfThreads = 2,
        }).Append(context.BinaryClassification.Calibrators.Platt()).Fit(data);
    }

    /// <summary>
    /// Feature importance from a forest fitted on the first 80% of each project's training cycles
    /// and scored on the rest (an in-sample forest would credit what it memorised).
    /// </summary>
    private static IReadOnlyList<FeatureImportance> ValidationImportance(MLContext context, IReadOnlyList<TestCaseExample> examples, TestSelectionTrainingOptions options, IProgress<string>? progress)
    {
        var cut = examples.GroupBy(e => e.Project).ToDictionary(g => g.Key, g =>
        {
            var cycles = g.Select(e => e.Cycle).Distinct().Order().ToList();
            return cycles[(int)Math.Floor(cycles.Count * ChronologicalSplit.DefaultTrainShare)];
        });
        var fit = examples.Where(e => e.Cycle < cut[e.Project]).ToList();
        var validation = examples.Where(e => e.Cycle >= cut[e.Project]).ToList();
        if (!fit.Any(e => e.Failed) || fit.All(e => e.Failed) || !validation.Any(e => e.Failed) || validation.All(e => e.Failed))
        {
            return [];
        }
        progress?.Report($"test selection: feature importance from {fit.Count} runs, scored on {validation.Count} later runs");
        var interim = Fit(context, [.. fit.Select(e => TestCaseFeatureVector.ToVector(e.Features))], [.. fit.Select(e => e.Failed)], options);
        var labels = validation.Select(e => e.Failed).ToList();
        return PermutationImportance.Compute([.. validation.Select(e => TestCaseFeatureVector.ToVector(e.Features))], TestCaseFeatureVector.Names,
            rows => QualityMetrics.RocAuc(labels, [.. MlNetData.Score(context, interim, rows, TestCaseFeatureVector.Length, "Probability").Select(p => (double)p)]), options.Seed);
    }

    internal TestSelectionModel WithIdentity(ModelVersionId version, string dataSource) => new(_context, _model, Calibration, version, dataSource);

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        _context.Model.Save(_model, MlNetData.Regression(_context, [], TestCaseFeatureVector.Length).Schema, Path.Combine(directory, ModelFile));
        File.WriteAllText(Path.Combine(directory, CalibrationFile), JsonSerializer.Serialize(Calibration));
    }

    public static TestSelectionModel Load(string directory, ModelVersionId version, string dataSource)
    {
        var context = new MLContext(seed: 1);
        var model = context.Model.Load(Path.Combine(directory, ModelFile), out _);
        var calibration = JsonSerializer.Deserialize<TestSelectionCalibration>(File.ReadAllText(Path.Combine(directory, CalibrationFile)))
            ?? throw new InvalidDataException($"{directory}: {CalibrationFile} is empty.");
        return new TestSelectionModel(context, model, calibration, version, dataSource);
    }
}
