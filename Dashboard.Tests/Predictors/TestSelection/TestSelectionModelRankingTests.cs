using Microsoft.ML;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Scoring;
using MlOpsDashboard.Core.Predictors.TestSelection;
using MlOpsDashboard.Core.Predictors.Training;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.TestSelection;

/// <summary>
/// Ranking a change's tests scores them in one flat batch (the tree walk in step form) and sorts
/// indexes; it must give exactly what scoring each test on its own and the LINQ ordering gave,
/// and probabilities that match ML.NET's pipeline. A FastForest trained on real RETECS verdicts.
/// </summary>
public sealed class TestSelectionModelRankingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-ranking-").FullName;

    public void Dispose() => TempFolders.TryDelete(_folder);

    [Fact]
    public void Select_TwoThousandRealTests_SameRankingAsSingleRowScoresAndLinqOrder()
    {
        var verdicts = TestVerdictImporter.ReadFile(PredictorTestData.IofrolPath);
        var trained = TestSelectionModel.Train([.. verdicts.Take(6_000)], new TestSelectionTrainingOptions { Trees = 40 });
        trained.Save(_folder);
        var model = TestSelectionModel.Load(_folder, new ModelVersionId(PredictorKind.TestSelection, 3), "test");
        var context = new MLContext(seed: 1);
        var mlNet = context.Model.Load(Path.Combine(_folder, TestSelectionModel.ModelFile), out _);
        var tests = verdicts.Skip(6_000).Take(2_000).Select(v => v.Features).ToList();
        // Duplicated probabilities and durations make the tie-breaks (duration, then name) matter.
        tests.AddRange(tests.Take(50).Select((t, i) => t with { Name = $"copy-{49 - i}-{t.Name}" }));
        var vectors = tests.Select(TestCaseFeatureVector.ToVector).ToList();
        var scorer = TreeEnsembleScorer.From(mlNet);
        double[] single = [.. vectors.Select(v => (double)scorer.Probability(v))];
        var viaMlNet = MlNetData.Score(context, mlNet, vectors, TestCaseFeatureVector.Length, "Probability");

        // A threshold that keeps about 300 tests and a budget that fits half of their time: both criteria decide.
        var threshold = single.OrderDescending().ElementAt(300);
        var budget = tests.Where((_, i) => single[i] >= threshold).Sum(t => t.DurationSeconds) / 2;

        var result = model.Select(new TestSelectionRequest(tests, threshold, budget));

        var expected = LinqSelection(tests, single, threshold, budget);
        Assert.Equal(expected.Count, result.Ranked.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (index, selected) = expected[i];
            var actual = result.Ranked[i];
            Assert.Equal((i + 1, tests[index].Name, single[index], tests[index].DurationSeconds, selected),
                (actual.Rank, actual.Name, actual.FailureProbability, actual.DurationSeconds, actual.Selected));
        }
        Assert.All(Enumerable.Range(0, tests.Count), i => Assert.Equal(viaMlNet[i], single[i], 1e-5));
        Assert.InRange(result.SelectedCount, 1, tests.Count - 1);
        Assert.Equal(expected.Count(e => e.Selected), result.SelectedCount);
        Assert.Equal(tests.Sum(t => t.DurationSeconds), result.TotalDurationSeconds, 9);
    }

    [Fact]
    public void ScoreBatch_FlatRowsWithNaN_EqualSingleRowScores()
    {
        var verdicts = TestVerdictImporter.ReadFile(PredictorTestData.IofrolPath);
        var trained = TestSelectionModel.Train([.. verdicts.Take(6_000)], new TestSelectionTrainingOptions { Trees = 30 });
        trained.Save(_folder);
        var scorer = TreeEnsembleScorer.From(new MLContext(seed: 1).Model.Load(Path.Combine(_folder, TestSelectionModel.ModelFile), out _));
        var width = TestCaseFeatureVector.Length;
        // 1,003 rows: the four-row groups and a remainder of three; every seventh row has a NaN feature.
        var rows = verdicts.Skip(6_000).Take(1_003).Select(v => TestCaseFeatureVector.ToVector(v.Features)).ToArray();
        for (var r = 0; r < rows.Length; r += 7)
        {
            rows[r][r % width] = float.NaN;
        }
        var scores = new float[rows.Length];

        scorer.ScoreBatch(rows.SelectMany(r => r).ToArray(), width, scores);

        Assert.Equal(rows.Select(r => scorer.Score(r)), scores);
        Assert.True(scores.Distinct().Count() > 100, "a forest on real data scores rows differently");
    }

    /// <summary>The selection as TestSelector computed it before: a stable LINQ sort on probability, duration and name.</summary>
    private static List<(int Index, bool Selected)> LinqSelection(List<TestCaseFeatures> tests, double[] probabilities, double threshold, double budget)
    {
        var used = 0.0;
        var selection = new List<(int, bool)>();
        foreach (var i in Enumerable.Range(0, tests.Count)
            .OrderByDescending(i => probabilities[i]).ThenBy(i => tests[i].DurationSeconds).ThenBy(i => tests[i].Name, StringComparer.Ordinal))
        {
            var selected = probabilities[i] >= threshold && used + tests[i].DurationSeconds <= budget;
            used += selected ? tests[i].DurationSeconds : 0;
            selection.Add((i, selected));
        }
        return selection;
    }
}
