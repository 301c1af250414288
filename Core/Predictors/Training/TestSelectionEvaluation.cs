using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Core.Predictors.Training;

/// <summary>Mean per-cycle figures of one ordering over the cycles that had at least one failure.</summary>
public sealed record PrioritisationFigures(double Apfd, double ApfdCost, double TimeShareToCatchAll);

public sealed record TestSelectionProjectFigures(
    string Project, int TrainCycles, int TestCycles, int CyclesWithFailures,
    PrioritisationFigures Model, PrioritisationFigures Naive, PrioritisationFigures Random)
{
    /// <summary>APFD of every scored cycle: where the model loses to a perfect order, and to the naive one.</summary>
    public IReadOnlyList<CycleApfd> Cycles { get; init; } = [];
}

/// <summary>One scored cycle: its size, its failing runs and the APFD of the model, the naive rule and a perfect order.</summary>
public sealed record CycleApfd(long Cycle, int Runs, int Failures, double Model, double Naive, double Perfect);

public sealed record TestSelectionEvaluationReport(IReadOnlyList<TestSelectionProjectFigures> Projects)
{
    public double MeanApfd => QualityMetrics.MeanDefined(Projects.Select(p => p.Model.Apfd));
}

/// <summary>
/// Test prioritisation protocol: per data set the first 80% of CI cycles train, every later
/// cycle with a failure is ordered by the model and by the baselines (naive: last verdict, then
/// failure count, then shortest first; random with a fixed seed). The model learns online as
/// RETECS does: it is refitted on all earlier cycles as they complete
/// (<see cref="TestSelectionTrainingOptions.RetrainAfterRuns"/>), never on the cycle it orders.
/// </summary>
public static class TestSelectionEvaluation
{
    public static (TestSelectionEvaluationReport Report, TestSelectionModel Model) Run(
        IReadOnlyList<TestCaseExample> examples, TestSelectionTrainingOptions options, IProgress<string>? progress = null)
    {
        var cyclesByProject = examples.GroupBy(e => e.Project).ToDictionary(g => g.Key, g => g.Select(e => e.Cycle).Distinct().Order().ToList());
        var cut = cyclesByProject.ToDictionary(kv => kv.Key, kv => kv.Value[Math.Clamp((int)Math.Floor(kv.Value.Count * options.TrainCycleShare), 1, kv.Value.Count - 1)]);
        var train = examples.Where(e => e.Cycle < cut[e.Project]).ToList();
        var end = cyclesByProject.ToDictionary(kv => kv.Key, kv => options.EvaluateUntilCycleShare >= 1
            ? long.MaxValue
            : kv.Value[Math.Clamp((int)Math.Floor(kv.Value.Count * options.EvaluateUntilCycleShare), 1, kv.Value.Count - 1)]);
        var test = examples.Where(e => e.Cycle >= cut[e.Project] && e.Cycle < end[e.Project]).ToList();
        var model = TestSelectionModel.Train(train, options, progress);
        var projects = new List<TestSelectionProjectFigures>();
        foreach (var project in test.GroupBy(e => e.Project).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var modelFigures = new List<PrioritisationFigures>();
            var naiveFigures = new List<PrioritisationFigures>();
            var randomFigures = new List<PrioritisationFigures>();
            var perCycle = new List<CycleApfd>();
            var random = new Random(7);
            var cycles = project.GroupBy(e => e.Cycle).OrderBy(g => g.Key).ToList();
            // Online, as a CI system would run it: before each cycle the forest may be refitted on
            // everything seen so far (training part plus this project's earlier test cycles).
            var seen = new List<TestCaseExample>(train);
            var current = model;
            var unseenRuns = 0;
            foreach (var cycle in cycles)
            {
                var runs = cycle.ToList();
                if (options.RetrainAfterRuns > 0 && unseenRuns >= options.RetrainAfterRuns)
                {
                    current = TestSelectionModel.Refit(seen, options);
                    unseenRuns = 0;
                    progress?.Report($"test selection: {project.Key} refitted on {seen.Count} runs before cycle {cycle.Key}");
                }
                if (runs.Any(e => e.Failed))
                {
                    var probabilities = current.PredictProbabilities([.. runs.Select(r => TestCaseFeatureVector.ToVector(r.Features))]);
                    var byName = runs.GroupBy(r => r.Features.Name).ToDictionary(g => g.Key, g => new Queue<TestCaseExample>(g));
                    var byModel = TestSelector.Select(new TestSelectionRequest([.. runs.Select(r => r.Features)]), probabilities, model.Version)
                        .Ranked.Select(r => byName[r.Name].Dequeue()).ToList();
                    modelFigures.Add(Figures(byModel));
                    naiveFigures.Add(Figures([.. runs.OrderByDescending(r => r.Features.LastRunFailed == true)
                        .ThenByDescending(r => r.Features.PreviousFailures).ThenBy(r => r.Features.DurationSeconds)]));
                    randomFigures.Add(Figures([.. runs.OrderBy(_ => random.Next())]));
                    perCycle.Add(new CycleApfd(cycle.Key, runs.Count, runs.Count(r => r.Failed), modelFigures[^1].Apfd, naiveFigures[^1].Apfd,
                        QualityMetrics.Apfd([.. runs.Select(r => r.Failed).OrderDescending()])));
                }
                seen.AddRange(runs);
                unseenRuns += runs.Count;
            }
            projects.Add(new TestSelectionProjectFigures(project.Key, cyclesByProject[project.Key].Count(c => c < cut[project.Key]), cycles.Count, modelFigures.Count,
                Mean(modelFigures), Mean(naiveFigures), Mean(randomFigures)) { Cycles = perCycle });
            progress?.Report($"test selection: {project.Key} evaluated on {modelFigures.Count} cycles with failures");
        }
        return (new TestSelectionEvaluationReport(projects), model);
    }

    private static PrioritisationFigures Figures(IReadOnlyList<TestCaseExample> ordered)
    {
        var failed = ordered.Select(r => r.Failed).ToList();
        var durations = ordered.Select(r => r.DurationSeconds).ToList();
        return new PrioritisationFigures(QualityMetrics.Apfd(failed), QualityMetrics.ApfdCost(failed, durations), QualityMetrics.TimeShareToCatchAll(failed, durations));
    }

    private static PrioritisationFigures Mean(List<PrioritisationFigures> figures) => new(
        QualityMetrics.MeanDefined(figures.Select(f => f.Apfd)),
        QualityMetrics.MeanDefined(figures.Select(f => f.ApfdCost)),
        QualityMetrics.MeanDefined(figures.Select(f => f.TimeShareToCatchAll)));
}
