using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Training;

/// <summary>
/// A seeded, licence-clean CI history for the sandbox's default models: builds whose change
/// sizes are heavy-tailed (log-normal), whose durations grow with the project and the change,
/// and whose failures cluster (a failed build makes the next one likely to fail) and rise with
/// churn and risky files; and test cycles where a few fragile tests fail repeatedly. Same seed,
/// same history.
/// </summary>
public static class SyntheticCiHistory
{
    public const string DataSource = "synthetic CI history (seeded generator, licence-clean)";

    public static IReadOnlyList<BuildExample> Builds(int seed, int projects = 3, int buildsPerProject = 400)
    {
        var random = new Random(seed);
        var examples = new List<BuildExample>(projects * buildsPerProject);
        for (var p = 0; p < projects; p++)
        {
            var baseSeconds = 120 + random.NextDouble() * 600;
            var team = random.Next(3, 30);
            var tests = random.Next(200, 3000);
            bool? lastFailed = null;
            double lastDuration = baseSeconds, failures = 0, streak = 0, sinceFailure = 0;
            var recent = new Queue<bool>();
            var passedDurations = new List<double>();
            for (var i = 0; i < buildsPerProject; i++)
            {
                var files = Math.Max(1, Math.Round(LogNormal(random, 1.2, 1.0)));
                var lines = Math.Round(files * LogNormal(random, 2.5, 0.8));
                var testFiles = Math.Round(files * random.NextDouble() * 0.4);
                var config = random.NextDouble() < 0.08 ? 1 : 0;
                var dependencies = config * random.Next(1, 6);
                var filesRisk = Math.Clamp(random.NextDouble() * 0.4 + (files > 20 ? 0.2 : 0), 0, 1);
                var isPr = random.NextDouble() < 0.4;
                var features = new BuildFeatures
                {
                    FilesModified = files, LinesAdded = Math.Round(lines * 0.7), LinesDeleted = Math.Round(lines * 0.3),
                    SourceChurn = Math.Round(lines * 0.8), TestChurn = Math.Round(lines * 0.2), FilesAdded = Math.Round(files * 0.1),
                    SourceFiles = files - testFiles, TestFiles = testFiles, ConfigFiles = config, Commits = random.Next(1, 6), Committers = 1,
                    CommitsOnFiles = Math.Round(files * LogNormal(random, 1.5, 0.7)), TeamSize = team, IsPullRequest = isPr, IsMainBranch = !isPr,
                    HourOfDay = random.Next(24), DayOfWeek = random.Next(7), ByCoreMember = random.NextDouble() < 0.6,
                    CommitterExperience = LogNormal(random, 3, 1), MinutesSincePreviousBuild = LogNormal(random, 4, 1.2),
                    PreviousBuildFailed = lastFailed, PreviousDurationSeconds = lastDuration,
                    RecentPassedDurationSeconds = BuildFeatures.RecentPassedMedian(passedDurations),
                    PreviousTestsPassed = tests, PreviousTestsFailed = lastFailed == true ? random.Next(1, 20) : 0,
                    PreviousTestErrors = lastFailed == true ? 1 : 0,
                    FailureRatio = i == 0 ? 0 : failures / i, RecentFailureRatio = recent.Count == 0 ? 0 : recent.Count(f => f) / (double)recent.Count,
                    ConsecutiveFailures = streak, BuildsSinceLastFailure = sinceFailure,
                    FileFailureProbabilityMax = filesRisk, FileFailureProbabilityAverage = filesRisk / 2, FileFailureProbabilitySum = filesRisk * files / 3,
                    DependencyCount = dependencies, TestCount = tests,
                };
                var logit = -2.6 + (lastFailed == true ? 2.2 : 0) + 0.35 * Math.Log(1 + lines) / 2 + 2.0 * filesRisk + 0.8 * config + (isPr ? 0.3 : 0) + random.NextDouble() * 0.5;
                var failed = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
                var duration = (baseSeconds + 4 * files + 40 * dependencies + tests * 0.05) * LogNormal(random, 0, 0.15) * (failed ? 0.6 : 1);
                examples.Add(new BuildExample($"synthetic/project-{p + 1}", i + 1, features, failed, Math.Round(duration)));
                failures += failed ? 1 : 0;
                streak = failed ? streak + 1 : 0;
                sinceFailure = failed ? 0 : sinceFailure + 1;
                recent.Enqueue(failed);
                if (recent.Count > 5)
                {
                    recent.Dequeue();
                }
                lastFailed = failed;
                lastDuration = Math.Round(duration);
                if (!failed)
                {
                    passedDurations.Add(lastDuration);
                }
            }
        }
        return examples;
    }

    public static IReadOnlyList<TestCaseExample> TestRuns(int seed, int cycles = 120, int tests = 80)
    {
        var random = new Random(seed);
        var fragility = Enumerable.Range(0, tests).Select(_ => random.NextDouble() < 0.15 ? 0.3 + random.NextDouble() * 0.4 : random.NextDouble() * 0.03).ToArray();
        var durations = Enumerable.Range(0, tests).Select(_ => Math.Round(LogNormal(random, 2.5, 1.1), 1)).ToArray();
        var history = Enumerable.Range(0, tests).Select(_ => new List<bool>()).ToArray();
        var runs = new List<TestCaseExample>(cycles * tests);
        for (var c = 1; c <= cycles; c++)
        {
            for (var t = 0; t < tests; t++)
            {
                var features = Importers.TestVerdictImporter.Describe($"test-{t + 1:000}", durations[t], history[t], 0);
                // A test that just failed tends to fail again until someone fixes it.
                var chance = fragility[t] + (history[t].Count > 0 && history[t][0] ? 0.35 : 0);
                var failed = random.NextDouble() < chance;
                runs.Add(new TestCaseExample("synthetic/tests", c, features, failed, durations[t]));
                history[t].Insert(0, failed);
            }
        }
        return runs;
    }

    private static double LogNormal(Random random, double mu, double sigma)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Exp(mu + sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
