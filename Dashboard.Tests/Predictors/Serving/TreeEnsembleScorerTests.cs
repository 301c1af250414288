using Microsoft.ML;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.Serving.Scoring;
using MlOpsDashboard.Core.Predictors.TestSelection;
using MlOpsDashboard.Core.Predictors.Training;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Serving;

/// <summary>
/// The direct tree walk must answer what ML.NET's own pipeline answers: each model is trained on
/// real CI data, saved, loaded back with ML.NET, and both paths score thousands of rows (the real
/// rows and randomly perturbed copies of them, so many land near split thresholds).
/// </summary>
public sealed class TreeEnsembleScorerTests : IDisposable
{
    private const float Tolerance = 1e-5f;
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-scorer-").FullName;

    public void Dispose() => TempFolders.TryDelete(_folder);


    /// <summary>The rows as they are, then each with a third of its features scaled by a random factor.</summary>
    private static List<float[]> Rows(IEnumerable<float[]> real, int seed)
    {
        var random = new Random(seed);
        var rows = real.ToList();
        foreach (var row in rows.ToList())
        {
            var changed = (float[])row.Clone();
            for (var i = 0; i < changed.Length; i++)
            {
                if (random.NextDouble() < 0.33)
                {
                    changed[i] = (float)(changed[i] * random.NextDouble() * 2);
                }
            }
            rows.Add(changed);
        }
        return rows;
    }

    private (MLContext Context, ITransformer Model) SaveAndLoad(Action<string> save)
    {
        var directory = Path.Combine(_folder, Guid.NewGuid().ToString("n"));
        save(directory);
        var context = new MLContext(seed: 1);
        return (context, context.Model.Load(Path.Combine(directory, "model.zip"), out _));
    }

    private static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var worst = expected.Select((e, i) => Math.Abs(e - actual[i]) / Math.Max(1, Math.Abs(e))).Max();
        Assert.True(worst <= Tolerance, $"largest relative difference {worst} over {expected.Count} rows");
    }

    [Fact]
    public void Score_FastTreeRegression_MatchesMlNetTransform()
    {
        var builds = PredictorTestData.RealBuilds();
        var model = BuildTimeTrainer.Train(builds, new BuildTimeTrainingOptions { Trees = 120 });
        var (context, loaded) = SaveAndLoad(model.Save);
        var rows = Rows(builds.Select(b => BuildFeatureVector.ToVector(b.Features)), seed: 11);

        var scorer = TreeEnsembleScorer.From(loaded);
        var expected = MlNetData.Score(context, loaded, rows, BuildFeatureVector.Length, "Score");

        Assert.Equal(120, scorer.TreeCount);
        Assert.False(scorer.IsCalibrated);
        AssertClose(expected, [.. rows.Select(r => scorer.Score(r))]);
        var batch = new float[rows.Count];
        scorer.ScoreBatch(rows, batch);
        AssertClose(expected, batch);
    }

    [Fact]
    public void Probability_FastForestWithPlattCalibrator_MatchesMlNetTransform()
    {
        var verdicts = TestVerdictImporter.ReadFile(PredictorTestData.IofrolPath);
        var model = TestSelectionModel.Train([.. verdicts.Take(6_000)], new TestSelectionTrainingOptions { Trees = 40 });
        var (context, loaded) = SaveAndLoad(model.Save);
        var rows = Rows(verdicts.Skip(6_000).Take(1_500).Select(v => TestCaseFeatureVector.ToVector(v.Features)), seed: 12);

        var scorer = TreeEnsembleScorer.From(loaded);
        var expected = MlNetData.Score(context, loaded, rows, TestCaseFeatureVector.Length, "Probability");

        Assert.True(scorer.IsCalibrated);
        Assert.Equal(40, scorer.TreeCount);
        AssertClose(expected, [.. rows.Select(r => scorer.Probability(r))]);
        Assert.Contains(expected, p => p > 0.2);
    }

    [Fact]
    public void Probability_FastTreeBinaryChallenger_MatchesMlNetTransform()
    {
        var builds = PredictorTestData.RealBuilds();
        var challenger = FailureRiskTrainer.Train(builds, new FailureRiskTrainingOptions { MaxEpochs = 2, Patience = 1, ChallengerTrees = 60 }).Challenger;
        var (context, loaded) = SaveAndLoad(challenger.Save);
        var rows = Rows(builds.Select(b => challenger.Inputs.ToVector(b.Features)), seed: 13);

        var scorer = TreeEnsembleScorer.From(loaded);
        var expected = MlNetData.Score(context, loaded, rows, challenger.Inputs.Count, "Probability");

        AssertClose(expected, [.. rows.Select(r => scorer.Probability(r))]);
        AssertClose(expected, [.. challenger.PredictFromInputs(rows).Select(p => (float)p)]);
    }

    [Fact]
    public void ScoreEachReplaced_EveryFeature_EqualsScoringTheChangedRow()
    {
        var builds = PredictorTestData.RealBuilds();
        var model = BuildTimeTrainer.Train(builds, new BuildTimeTrainingOptions { Trees = 80 });
        var (_, loaded) = SaveAndLoad(model.Save);
        var scorer = TreeEnsembleScorer.From(loaded);
        var medians = model.Calibration.Medians;

        foreach (var row in builds.Take(50).Select(b => BuildFeatureVector.ToVector(b.Features)))
        {
            var replaced = new float[row.Length];
            var baseline = scorer.ScoreEachReplaced(row, medians, replaced);
            Assert.Equal(scorer.Score(row), baseline, Tolerance);
            for (var i = 0; i < row.Length; i++)
            {
                var changed = (float[])row.Clone();
                changed[i] = medians[i];
                Assert.Equal(scorer.Score(changed), replaced[i], Tolerance);
            }
        }
    }

    /// <summary>
    /// Bit for bit what replacing each feature and summing every tree again gives (each tree's
    /// change added in tree order, then to the row's sum): the walk that follows only divergent
    /// splits must not move a single driver, on real rows, perturbed rows and rows with NaN.
    /// </summary>
    [Fact]
    public void ScoreEachReplaced_RealAndPerturbedRows_BitIdenticalToPerTreeReplacement()
    {
        var builds = PredictorTestData.RealBuilds();
        var model = BuildTimeTrainer.Train(builds, new BuildTimeTrainingOptions { Trees = 120 });
        var (_, loaded) = SaveAndLoad(model.Save);
        var scorer = TreeEnsembleScorer.From(loaded);
        var medians = model.Calibration.Medians;
        var rows = Rows(builds.Take(150).Select(b => BuildFeatureVector.ToVector(b.Features)), seed: 21);
        var random = new Random(5);
        foreach (var row in rows.Take(40).Select(r => (float[])r.Clone()))
        {
            row[random.Next(row.Length)] = float.NaN;
            rows.Add(row);
        }
        rows.Add((float[])medians.Clone());

        var divergent = 0;
        foreach (var row in rows)
        {
            var replaced = new float[row.Length];
            var baseline = scorer.ScoreEachReplaced(row, medians, replaced);

            var treeLeaves = Enumerable.Range(0, scorer.TreeCount).Select(t => scorer.LeafValue(t, row)).ToArray();
            var sum = treeLeaves.Aggregate(0.0, (total, leaf) => total + leaf);
            Assert.Equal(BitConverter.SingleToInt32Bits((float)(scorer.Bias + sum)), BitConverter.SingleToInt32Bits(baseline));
            for (var i = 0; i < row.Length; i++)
            {
                var changed = (float[])row.Clone();
                changed[i] = medians[i];
                double delta = 0;
                for (var t = 0; t < scorer.TreeCount; t++)
                {
                    delta += scorer.LeafValue(t, changed) - treeLeaves[t];
                }
                divergent += delta != 0 ? 1 : 0;
                Assert.Equal(BitConverter.SingleToInt32Bits((float)(scorer.Bias + (sum + delta))), BitConverter.SingleToInt32Bits(replaced[i]));
            }
        }
        Assert.True(divergent > rows.Count, $"only {divergent} (row, feature) pairs changed the score: the rows do not exercise the walk");
    }

    [Fact]
    public void From_TransformerWithoutTrees_RefusesNamingWhatItFound()
    {
        var context = new MLContext(seed: 1);
        var data = MlNetData.Regression(context, [([1f, 2f], 3f), ([2f, 1f], 4f), ([3f, 3f], 7f)], 2);
        var linear = context.Regression.Trainers.Sdca(maximumNumberOfIterations: 2).Fit(data);

        var error = Assert.Throws<NotSupportedException>(() => TreeEnsembleScorer.From(linear));

        Assert.Contains("LinearRegressionModelParameters", error.Message);
    }

    [Fact]
    public void Predict_BuildTime_SameSecondsAndDriversAsTheMlNetPipeline()
    {
        var builds = PredictorTestData.RealBuilds();
        var model = BuildTimeTrainer.Train(builds, new BuildTimeTrainingOptions { Trees = 80 });
        var (context, loaded) = SaveAndLoad(model.Save);
        var previous = BuildFeatureVector.Names.ToList().IndexOf(nameof(BuildFeatures.PreviousDurationSeconds));
        // The served model's contract: the trees score BuildTimeInputs.ForModel(vector); seconds = (1 + previous) · exp(score) − 1, floored at 0.
        IReadOnlyList<double> ViaMlNet(IReadOnlyList<float[]> batch) =>
            [.. MlNetData.Score(context, loaded, [.. batch.Select(v => BuildTimeInputs.ForModel(v, model.Calibration.RelativeInputs))], BuildFeatureVector.Length, "Score")
                .Select((score, i) => Math.Max(0, ((1 + Math.Max(0, batch[i][previous])) * Math.Exp(score)) - 1))];

        foreach (var build in builds.Skip(500).Take(40))
        {
            var vector = BuildFeatureVector.ToVector(build.Features);
            var expectedDrivers = DriverExplainer.Explain(vector, model.Calibration.Medians, BuildFeatureVector.Names, ViaMlNet);

            var prediction = model.Predict(build.Features);

            Assert.Equal(ViaMlNet([vector])[0], prediction.Seconds, 1e-5 * Math.Max(1, prediction.Seconds));
            AssertSameDrivers(expectedDrivers, prediction.Drivers, prediction.Seconds);
        }
    }

    [Fact]
    public void Predict_FastTreeFailureRisk_SameProbabilityAndDriversAsTheMlNetPipeline()
    {
        var builds = PredictorTestData.RealBuilds();
        var challenger = FailureRiskTrainer.Train(builds, new FailureRiskTrainingOptions { MaxEpochs = 2, Patience = 1, ChallengerTrees = 60 }).Challenger;
        var (context, loaded) = SaveAndLoad(challenger.Save);
        IReadOnlyList<double> ViaMlNet(IReadOnlyList<float[]> batch) =>
            [.. MlNetData.Score(context, loaded, batch, challenger.Inputs.Count, "Probability").Select(p => (double)p)];

        foreach (var build in builds.Skip(500).Take(40))
        {
            var vector = challenger.Inputs.ToVector(build.Features);
            var expectedDrivers = DriverExplainer.Explain(vector, challenger.Calibration.Medians, challenger.Inputs.Names, ViaMlNet);

            var prediction = challenger.Predict(build.Features);

            Assert.Equal(ViaMlNet([vector])[0], prediction.FailureProbability, 1e-5);
            AssertSameDrivers(expectedDrivers, prediction.Drivers, 1);
        }
    }

    /// <summary>Same features in the same order with the same contributions (order may differ only between near-equal contributions).</summary>
    private static void AssertSameDrivers(IReadOnlyList<FeatureDriver> expected, IReadOnlyList<FeatureDriver> actual, double scale)
    {
        var tolerance = 1e-4 * Math.Max(1, scale);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Math.Abs(expected[i].Contribution), Math.Abs(actual[i].Contribution), tolerance);
            var expectedMatch = expected.Single(d => d.Feature == actual[i].Feature || Math.Abs(Math.Abs(d.Contribution) - Math.Abs(actual[i].Contribution)) <= tolerance && d.Feature == actual[i].Feature);
            Assert.Equal(expectedMatch.Contribution, actual[i].Contribution, tolerance);
            Assert.Equal(expectedMatch.Value, actual[i].Value);
        }
    }
}
