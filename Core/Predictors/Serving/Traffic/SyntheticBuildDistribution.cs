using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Serving.Traffic;

/// <summary>
/// Builds as a mid-sized team's CI sees them, for the sandbox's traffic until a model version's
/// reference profile is available to sample from. Shapes follow published CI studies (TravisTorrent,
/// BuildFast): change sizes are log-normal (median ~40 added lines, a long tail of large changes),
/// most builds come from pull requests on weekdays in working hours, about one build in six fails,
/// and a failure makes the next one more likely.
/// </summary>
public static class SyntheticBuildDistribution
{
    public static BuildFeatures Sample(Random random)
    {
        var filesModified = Math.Max(1, Math.Round(LogNormal(random, Math.Log(4), 0.9)));
        var linesAdded = Math.Round(LogNormal(random, Math.Log(40), 1.2));
        var linesDeleted = Math.Round(linesAdded * random.NextDouble() * 0.6);
        var testFiles = Math.Round(filesModified * random.NextDouble() * 0.4);
        var docFiles = random.NextDouble() < 0.2 ? 1 : 0;
        var configFiles = random.NextDouble() < 0.15 ? 1 : 0;
        var sourceFiles = Math.Max(0, filesModified - testFiles - docFiles - configFiles);
        var previousFailed = random.NextDouble() < 0.17;
        var recentFailureRatio = Math.Round(Math.Clamp(Beta(random, 1.2, 5) + (previousFailed ? 0.2 : 0), 0, 1) * 5) / 5;
        var weekday = random.NextDouble() < 0.9;
        var commits = Math.Max(1, Math.Round(LogNormal(random, Math.Log(2), 0.7)));
        return new BuildFeatures
        {
            FilesModified = filesModified,
            LinesAdded = linesAdded,
            LinesDeleted = linesDeleted,
            SourceChurn = Math.Round((linesAdded + linesDeleted) * (sourceFiles / filesModified)),
            TestChurn = Math.Round((linesAdded + linesDeleted) * (testFiles / filesModified)),
            FilesAdded = Math.Round(filesModified * random.NextDouble() * 0.3),
            FilesDeleted = random.NextDouble() < 0.1 ? 1 : 0,
            SourceFiles = sourceFiles,
            TestFiles = testFiles,
            DocFiles = docFiles,
            ConfigFiles = configFiles,
            Commits = commits,
            Committers = Math.Min(commits, random.NextDouble() < 0.85 ? 1 : 2),
            CommitsOnFiles = Math.Round(LogNormal(random, Math.Log(30), 1)),
            TeamSize = 12,
            IsPullRequest = random.NextDouble() < 0.7,
            IsMainBranch = random.NextDouble() < 0.25,
            HourOfDay = Math.Clamp(Math.Round(Normal(random, 13, 3)), 0, 23),
            DayOfWeek = weekday ? random.Next(1, 6) : (random.NextDouble() < 0.5 ? 0 : 6),
            ByCoreMember = random.NextDouble() < 0.6,
            CommitterExperience = Math.Round(LogNormal(random, Math.Log(120), 1)),
            MinutesSincePreviousBuild = Math.Round(LogNormal(random, Math.Log(45), 1.3)),
            PreviousBuildFailed = previousFailed,
            PreviousDurationSeconds = Math.Round(LogNormal(random, Math.Log(420), 0.35)),
            PreviousTestsPassed = Math.Round(Normal(random, 1_800, 60)),
            PreviousTestsFailed = previousFailed ? random.Next(1, 12) : 0,
            PreviousDependencyErrors = previousFailed && random.NextDouble() < 0.2 ? 1 : 0,
            PreviousCompileErrors = previousFailed && random.NextDouble() < 0.3 ? 1 : 0,
            PreviousTestErrors = previousFailed && random.NextDouble() < 0.5 ? 1 : 0,
            PreviousOtherErrors = previousFailed && random.NextDouble() < 0.1 ? 1 : 0,
            FailureRatio = Math.Round(Math.Clamp(Normal(random, 0.17, 0.03), 0, 1), 3),
            RecentFailureRatio = recentFailureRatio,
            CommitterFailureRatio = Math.Round(Beta(random, 1.5, 7), 3),
            CommitterRecentFailureRatio = Math.Round(Beta(random, 1.2, 5) * 5) / 5,
            ConsecutiveFailures = previousFailed ? Math.Max(1, Math.Round(LogNormal(random, 0, 0.6))) : 0,
            BuildsSinceLastFailure = previousFailed ? 0 : Math.Round(LogNormal(random, Math.Log(5), 0.9)),
            FileFailureProbabilityMax = Math.Round(Beta(random, 1.5, 4), 3),
            FileFailureProbabilityAverage = Math.Round(Beta(random, 1.2, 7), 3),
            FileFailureProbabilitySum = Math.Round(Beta(random, 1.2, 7) * filesModified, 3),
            DependencyCount = 85,
            TestCount = 1_850,
            // Drawn last so every earlier field keeps its value for a given seed.
            RecentPassedDurationSeconds = Math.Round(LogNormal(random, Math.Log(420), 0.2)),
        };
    }

    private static double Normal(Random random, double mean, double sd)
    {
        // Box-Muller: two uniforms to one standard normal.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private static double LogNormal(Random random, double mu, double sigma) => Math.Exp(Normal(random, mu, sigma));

    private static double Beta(Random random, double a, double b)
    {
        var x = Gamma(random, a);
        return x / (x + Gamma(random, b));
    }

    /// <summary>Marsaglia-Tsang; shape below 1 through the boost u^(1/a).</summary>
    private static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        }
        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random, 0, 1);
                v = 1 + (c * x);
            }
            while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
