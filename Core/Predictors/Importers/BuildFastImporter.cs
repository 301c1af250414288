using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Importers;

/// <summary>
/// Reads BuildFast's per-project CSVs (Chen et al., ASE 2020; one row per Travis CI build) into
/// <see cref="BuildExample"/>s in chronological order (<c>now_build_id</c> ascending).
/// BuildFast writes 9999 for "never" in its streak columns; those become 0 here.
/// </summary>
public static class BuildFastImporter
{
    private static readonly string[] Required = ["now_build_id", "now_label", "now_duration"];

    /// <summary>The project name BuildFast files carry: <c>owner@repo_newmerge.csv</c> → <c>owner/repo</c>.</summary>
    public static string ProjectName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var suffix = name.IndexOf("_newmerge", StringComparison.Ordinal);
        return (suffix > 0 ? name[..suffix] : name).Replace('@', '/');
    }

    public static IReadOnlyList<BuildExample> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, ProjectName(path), path);
    }

    /// <summary>Every <c>*.csv</c> in <paramref name="folder"/>, one project each, sorted by project name.</summary>
    public static IReadOnlyList<BuildExample> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"BuildFast folder '{folder}' does not exist.");
        }
        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToList();
        return files.Count == 0
            ? throw new InvalidDataException($"BuildFast folder '{folder}' holds no .csv files.")
            : [.. files.SelectMany(ReadFile)];
    }

    public static IReadOnlyList<BuildExample> Read(TextReader reader, string project, string source)
    {
        var table = CsvTable.Read(reader, source, ',');
        table.Require(Required);
        var examples = new List<BuildExample>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            double N(string column) => table.Number(row, column);
            double Streak(string column)
            {
                var value = table.Number(row, column);
                return value >= 9999 ? 0 : value;
            }
            var lastLabel = table.Has("last_label") ? table.Number(row, "last_label", -1) : -1;
            var features = new BuildFeatures
            {
                FilesModified = N("files_modified"),
                LinesAdded = N("line_added"),
                LinesDeleted = N("line_deleted"),
                SourceChurn = N("src_churn"),
                TestChurn = N("test_churn"),
                FilesAdded = N("files_added"),
                FilesDeleted = N("files_deleted"),
                SourceFiles = N("src_files"),
                TestFiles = N("test_files"),
                DocFiles = N("doc_files"),
                ConfigFiles = N("config_file"),
                Commits = N("commits"),
                Committers = N("committers"),
                CommitsOnFiles = N("commits_on_files"),
                TeamSize = N("gh_team_size"),
                IsPullRequest = N("now_is_pr") > 0,
                IsMainBranch = N("now_is_master") > 0 || N("is_master") > 0,
                HourOfDay = N("time_of_day"),
                DayOfWeek = N("day_of_week"),
                ByCoreMember = N("by_core_member") > 0,
                CommitterExperience = N("commiter_exp"),
                MinutesSincePreviousBuild = N("time_interval"),
                // BuildFast: 1 = passed, 0 = failed.
                PreviousBuildFailed = lastLabel switch { 0 => true, 1 => false, _ => null },
                PreviousDurationSeconds = N("pr_duration"),
                PreviousTestsPassed = N("pr_tests_ok"),
                PreviousTestsFailed = N("pr_tests_fail"),
                PreviousDependencyErrors = N("pr_depend_error"),
                PreviousCompileErrors = N("pr_compile_error"),
                PreviousTestErrors = N("pr_test_exception") + N("pr_test_assert"),
                PreviousOtherErrors = N("pr_other_error"),
                FailureRatio = N("fail_ratio_pr"),
                RecentFailureRatio = N("fail_ratio_re"),
                CommitterFailureRatio = N("fail_ratio_com_pr"),
                CommitterRecentFailureRatio = N("fail_ratio_com_re"),
                ConsecutiveFailures = Streak("consec_fail_builds_max"),
                BuildsSinceLastFailure = Streak("last_fail_gap_max"),
                FileFailureProbabilityMax = N("file_fail_prob_max"),
                FileFailureProbabilityAverage = N("file_fail_prob_avg"),
                FileFailureProbabilitySum = N("file_fail_prob_sum"),
                DependencyCount = N("import_change_count"),
                TestCount = N("pr_tests_ok") + N("pr_tests_fail"),
            };
            var label = table.Number(row, "now_label");
            if (label is not (0 or 1))
            {
                throw new InvalidDataException($"{source}:{row.Line}: now_label is {label}, expected 0 (failed) or 1 (passed).");
            }
            examples.Add(new BuildExample(project, (long)table.Number(row, "now_build_id"), features, label == 0, table.Number(row, "now_duration")));
        }
        return WithRecentPassedDurations(examples.OrderBy(e => e.Order));
    }

    /// <summary>BuildFast has no column for it: each build gets the median of the project's earlier passed builds, in build order.</summary>
    private static List<BuildExample> WithRecentPassedDurations(IEnumerable<BuildExample> ordered)
    {
        var passed = new List<double>();
        var result = new List<BuildExample>();
        foreach (var example in ordered)
        {
            result.Add(example with { Features = example.Features with { RecentPassedDurationSeconds = BuildFeatures.RecentPassedMedian(passed) } });
            if (!example.Failed)
            {
                passed.Add(example.DurationSeconds);
            }
        }
        return result;
    }
}
