using System.Globalization;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Bench.Predictors;

/// <summary>The build-time half of the quality bench alone (seconds instead of minutes): per-project MAE and the previous-duration baseline.</summary>
internal static class BuildTimeOnly
{
    public static int Run(string datasets, string[] args)
    {
        double Option(string name, double fallback)
        {
            var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            return value is null ? fallback : double.Parse(value, CultureInfo.InvariantCulture);
        }
        var defaults = new BuildTimeTrainingOptions();
        var options = defaults with
        {
            TargetClipCandidates = args.Contains("--clip") ? [Option("--clip", 0)] : defaults.TargetClipCandidates,
            Trees = (int)Option("--trees", defaults.Trees),
            Leaves = (int)Option("--leaves", defaults.Leaves),
            LearningRate = Option("--learning-rate", defaults.LearningRate),
        };
        Console.WriteLine(options);
        var builds = BuildFastImporter.ReadFolder(Path.Combine(datasets, "buildfast"));
        var (train, test) = ChronologicalSplit.Split(builds, e => e.Project, e => e.Order);
        var model = BuildTimeTrainer.Train(train, options, new SynchronousProgress(Console.Error));
        var modelMaes = new List<double>();
        var naive = new List<double>();
        Console.WriteLine("| project | MAE s | MAE naive prev |");
        Console.WriteLine("|---|---|---|");
        foreach (var group in test.GroupBy(e => e.Project).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToList();
            var durations = rows.Select(e => e.DurationSeconds).ToList();
            var mae = QualityMetrics.MeanAbsoluteError(durations, model.PredictBatch([.. rows.Select(e => BuildFeatureVector.ToVector(e.Features))]));
            var previous = QualityMetrics.MeanAbsoluteError(durations, [.. rows.Select(e => e.Features.PreviousDurationSeconds)]);
            modelMaes.Add(mae);
            naive.Add(previous);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {mae:0} | {previous:0} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **mean** | **{modelMaes.Average():0.0}** | {naive.Average():0.0} |"));
        return 0;
    }
}
