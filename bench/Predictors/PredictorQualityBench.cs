using System.Globalization;
using System.Text;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.TestSelection;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Bench.Predictors;

/// <summary>
/// Side-by-side quality comparison on the shared real CI data (not a timing benchmark): every
/// BuildFast project's failure-risk and build-time figures with the naive baselines, and test
/// prioritisation on the RETECS data sets. Prints Markdown tables for bench/README.md.
/// Run: dotnet run -c Release --project bench -- predictors [datasets folder] [--only build-time|builds|tests]
/// (<c>--only build-time</c> trains the build-time model alone: a quick loop while trying ideas; <c>--only builds --validation-only</c>
/// runs the protocol on the training parts alone, so its test columns are the validation parts ideas are chosen on;
/// <c>--seed N</c> trains failure risk from another seed, to see how far its figures move with the random initialisation alone).
/// </summary>
public static class PredictorQualityBench
{
    public static int Run(string[] args)
    {
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault() ?? "all";
        var datasets = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : null;
        datasets ??= Path.Combine("..", "shared", "datasets");
        return only switch
        {
            "all" => RunAll(datasets, args, builds: true, tests: true),
            "builds" => RunAll(datasets, args, builds: true, tests: false),
            "tests" => RunTests(datasets, args),
            "tests-ranking" => TestRankingProbe.Run(datasets, args),
            "build-time" => BuildTimeOnly.Run(datasets, args),
            _ => throw new ArgumentException($"--only takes build-time, builds or tests; got '{only}'."),
        };
    }

    private static int RunAll(string datasets, string[] args, bool builds, bool tests)
    {
        if (builds)
        {
            RunBuilds(datasets, args);
        }
        if (tests)
        {
            RunTests(datasets, args);
        }
        return 0;
    }

    private static void RunBuilds(string datasets, string[] args)
    {
        var builds = BuildFastImporter.ReadFolder(Path.Combine(datasets, "buildfast"));
        if (args.Contains("--validation-only"))
        {
            // The protocol applied to the training parts alone: its "test" part is then the product's validation part,
            // so an idea can be chosen without a test row.
            builds = ChronologicalSplit.Split(builds, e => e.Project, e => e.Order).Train;
            Console.WriteLine($"--validation-only: {builds.Count} training builds; the test columns below are the validation parts");
        }
        var failureOptions = new FailureRiskTrainingOptions();
        var seed = args.SkipWhile(a => a != "--seed").Skip(1).FirstOrDefault();
        failureOptions = seed is null ? failureOptions : failureOptions with { Seed = int.Parse(seed, CultureInfo.InvariantCulture) };
        var (report, _, failure) = BuildEvaluation.Run(builds, new BuildTimeTrainingOptions(), failureOptions, new SynchronousProgress(Console.Error));
        var dump = Environment.GetEnvironmentVariable("BENCH_FAILURE_DUMP");
        if (!string.IsNullOrEmpty(dump))
        {
            FailureProbabilityDump.Write(dump, builds, failure);
        }
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Failure risk champion: {report.ChampionTrainer} (validation AUC network {report.NetworkValidation.Auc:0.000}, challenger {report.ChallengerValidation.Auc:0.000}, average {report.AveragedValidation.Auc:0.000})");
        text.AppendLine();
        text.AppendLine("| project | test builds | failed | F1 champion | AUC champion | F1 MLP | AUC MLP | F1 FastTree | AUC FastTree | F1 average | AUC average | F1 naive (prev failed) | MAE s | R² | MAE naive prev | MAE naive median | interval coverage |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var p in report.Projects)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Project} | {p.TestBuilds} | {p.FailedShare:P0} | {p.ChampionF1:0.000} | {p.ChampionAuc:0.000} | {p.NetworkF1:0.000} | {p.NetworkAuc:0.000} | {p.ChallengerF1:0.000} | {p.ChallengerAuc:0.000} | {p.AveragedF1:0.000} | {p.AveragedAuc:0.000} | {p.PreviousFailedF1:0.000} | {p.Mae:0} | {p.R2:0.00} | {p.PreviousDurationMae:0} | {p.MedianMae:0} | {p.IntervalCoverage:P0} |");
        }
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| **mean** | | | **{report.MeanF1:0.000}** | **{report.MeanAuc:0.000}** | {report.MeanNetworkF1:0.000} | {report.MeanNetworkAuc:0.000} | {report.MeanChallengerF1:0.000} | {report.MeanChallengerAuc:0.000} | {report.MeanAveragedF1:0.000} | {report.MeanAveragedAuc:0.000} | {report.MeanPreviousFailedF1:0.000} | **{report.MeanMae:0}** | {report.MeanR2:0.00} | {report.MeanPreviousDurationMae:0} | {report.MeanMedianMae:0} | |");
        Console.WriteLine(text);
    }

    /// <summary>Test prioritisation; <c>--file iofrol</c> keeps one data set, <c>--retrain-after N</c> sets the online refit interval (0 = off), <c>--train-share</c>, <c>--until</c> (score cycles before this share only: a validation run), <c>--trees</c>, <c>--leaves</c> the rest.</summary>
    private static int RunTests(string datasets, string[] args)
    {
        var file = args.SkipWhile(a => a != "--file").Skip(1).FirstOrDefault();
        double Option(string name, double fallback)
        {
            var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            return value is null ? fallback : double.Parse(value, CultureInfo.InvariantCulture);
        }
        var defaults = new TestSelectionTrainingOptions();
        var options = defaults with
        {
            RetrainAfterRuns = (int)Option("--retrain-after", defaults.RetrainAfterRuns),
            TrainCycleShare = Option("--train-share", defaults.TrainCycleShare),
            EvaluateUntilCycleShare = Option("--until", defaults.EvaluateUntilCycleShare),
            Trees = (int)Option("--trees", defaults.Trees),
            Leaves = (int)Option("--leaves", defaults.Leaves),
        };
        Console.WriteLine(options);
        var text = new StringBuilder();
        var folder = Path.Combine(datasets, "test-prioritisation");
        text.AppendLine("| test data set | test cycles with failures | APFD model | APFD naive | APFD random | APFDc model | APFDc naive | time share to catch all, model | naive |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var path in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).Where(p => file is null || Path.GetFileNameWithoutExtension(p) == file))
        {
            var (tests, _) = TestSelectionEvaluation.Run(TestVerdictImporter.ReadFile(path), options, new SynchronousProgress(Console.Error));
            foreach (var p in tests.Projects)
            {
                if (args.Contains("--per-cycle"))
                {
                    PrintCycles(p);
                }
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {p.Project} | {p.CyclesWithFailures} | **{p.Model.Apfd:0.000}** | {p.Naive.Apfd:0.000} | {p.Random.Apfd:0.000} | {p.Model.ApfdCost:0.000} | {p.Naive.ApfdCost:0.000} | {p.Model.TimeShareToCatchAll:P1} | {p.Naive.TimeShareToCatchAll:P1} |");
            }
        }
        Console.WriteLine(text);
        return 0;
    }

    /// <summary><c>--per-cycle</c>: every scored cycle, model against the naive rule and a perfect order.</summary>
    private static void PrintCycles(TestSelectionProjectFigures project)
    {
        Console.WriteLine($"{project.Project}: cycle, runs, failing runs, APFD model, naive, perfect, perfect - model");
        foreach (var c in project.Cycles.OrderByDescending(c => c.Perfect - c.Model))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Cycle,5} {c.Runs,5} {c.Failures,5}  {c.Model:0.000} {c.Naive:0.000} {c.Perfect:0.000}  {c.Perfect - c.Model:0.000}"));
        }
    }
}

/// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool and reorders lines).</summary>
internal sealed class SynchronousProgress(TextWriter writer) : IProgress<string>
{
    public void Report(string value) => writer.WriteLine(value);
}
