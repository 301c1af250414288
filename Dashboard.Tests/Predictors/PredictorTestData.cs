using System.Globalization;
using System.Text;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictors;

/// <summary>
/// Small real-data slices for fast tests: the MIT-licensed iofrol.csv from the shared datasets
/// folder (read in place), and generated BuildFast-format CSVs whose failures follow their history
/// columns so a model has something real to learn. BuildFast's own files are not copied.
/// </summary>
internal static class PredictorTestData
{
    public static string DatasetsFolder => Path.Combine(RepositoryRoot.Path, "..", "shared", "datasets");

    public static string IofrolPath => Path.Combine(DatasetsFolder, "test-prioritisation", "iofrol.csv");

    /// <summary>The first <paramref name="count"/> real builds of HikariCP (shared BuildFast data, read in place): small, with failures and recent passed durations.</summary>
    public static List<BuildExample> RealBuilds(int count = 600) =>
        [.. BuildFastImporter.ReadFile(Path.Combine(DatasetsFolder, "buildfast", "brettwooldridge@HikariCP_newmerge.csv")).Take(count)];

    public const string BuildFastHeader = "id,now_build_id,last_label,commits,now_is_pr,now_is_master,files_modified,line_added,line_deleted,committers,fail_ratio_pr,fail_ratio_re,pr_duration,pr_tests_ok,pr_tests_fail,consec_fail_builds_max,gh_team_size,src_churn,time_of_day,day_of_week,now_duration,now_label";

    /// <summary>Writes a BuildFast-format CSV of <paramref name="builds"/> rows for <paramref name="project"/> (owner@repo).</summary>
    public static string WriteBuildFastCsv(string folder, string project, int builds, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var text = new StringBuilder(BuildFastHeader).Append('\n');
        var lastFailed = false;
        var failures = 0;
        var streak = 0;
        var previousDuration = 300.0;
        for (var i = 0; i < builds; i++)
        {
            var files = random.Next(1, 40);
            var risk = 0.05 + (lastFailed ? 0.55 : 0) + files / 200.0;
            var failed = random.NextDouble() < risk;
            var duration = 120 + files * 12 + random.NextDouble() * 30;
            text.Append(CultureInfo.InvariantCulture,
                $"{i},{1000 + i},{(i == 0 ? -1 : lastFailed ? 0 : 1)},{random.Next(1, 5)},0,1,{files},{files * 10},{files * 3},1,{(i == 0 ? 0 : failures / (double)i):0.000},{(lastFailed ? 0.6 : 0.1)},{previousDuration:0},{200 + files},{(lastFailed ? 3 : 0)},{(streak == 0 ? 9999 : streak)},5,{files * 13},{random.Next(24)},{random.Next(7)},{duration:0},{(failed ? 0 : 1)}\n");
            failures += failed ? 1 : 0;
            streak = failed ? streak + 1 : 0;
            lastFailed = failed;
            previousDuration = duration;
        }
        var path = Path.Combine(folder, project + "_newmerge.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
