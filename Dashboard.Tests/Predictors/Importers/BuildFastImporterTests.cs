using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Importers;

public sealed class BuildFastImporterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-buildfast-").FullName;

    public void Dispose() => TempFolders.TryDelete(_folder);

    [Fact]
    public void ReadFile_BuildFastCsv_MapsLabelsHistoryAndOrder()
    {
        var path = PredictorTestData.WriteBuildFastCsv(_folder, "acme@widgets", 30, seed: 3);
        var lines = File.ReadAllLines(path);
        // Shuffle the rows: the importer must restore chronological order from now_build_id.
        File.WriteAllLines(path, [lines[0], .. lines.Skip(1).Reverse()]);

        var builds = BuildFastImporter.ReadFile(path);

        Assert.Equal(30, builds.Count);
        Assert.All(builds, b => Assert.Equal("acme/widgets", b.Project));
        Assert.Equal(Enumerable.Range(1000, 30).Select(i => (long)i), builds.Select(b => b.Order));
        Assert.Null(builds[0].Features.PreviousBuildFailed);
        for (var i = 1; i < builds.Count; i++)
        {
            Assert.Equal(builds[i - 1].Failed, builds[i].Features.PreviousBuildFailed);
            Assert.Equal(Math.Round(builds[i - 1].DurationSeconds), builds[i].Features.PreviousDurationSeconds);
        }
        // 9999 means "no streak" in BuildFast and must not reach a model as a huge number.
        Assert.All(builds, b => Assert.InRange(b.Features.ConsecutiveFailures, 0, 30));
        Assert.Equal(5, builds[3].Features.TeamSize);
    }

    [Fact]
    public void ReadFile_ShuffledRows_RecentPassedDurationIsMedianOfEarlierPassedBuildsOnly()
    {
        var path = PredictorTestData.WriteBuildFastCsv(_folder, "acme@widgets", 40, seed: 5);
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, [lines[0], .. lines.Skip(1).Reverse()]);

        var builds = BuildFastImporter.ReadFile(path);

        Assert.Contains(builds, b => b.Failed);
        Assert.Equal(0, builds[0].Features.RecentPassedDurationSeconds);
        for (var i = 1; i < builds.Count; i++)
        {
            var passed = builds.Take(i).Where(b => !b.Failed).Select(b => b.DurationSeconds).TakeLast(5).Order().ToList();
            var expected = passed.Count == 0 ? 0 : passed.Count % 2 == 1 ? passed[passed.Count / 2] : (passed[(passed.Count / 2) - 1] + passed[passed.Count / 2]) / 2;
            Assert.Equal(expected, builds[i].Features.RecentPassedDurationSeconds);
        }
    }

    [Fact]
    public void Read_NonNumericCell_ReportsFileLineAndColumn()
    {
        var csv = PredictorTestData.BuildFastHeader + "\n" + "1,5,1,2,0,1,three,1,1,1,0,0,60,10,0,9999,5,3,10,2,70,1\n";

        var error = Assert.Throws<InvalidDataException>(() => BuildFastImporter.Read(new StringReader(csv), "p", "upload.csv"));

        Assert.Contains("upload.csv:2", error.Message);
        Assert.Contains("files_modified", error.Message);
    }

    [Fact]
    public void Read_MissingLabelColumn_NamesIt()
    {
        var error = Assert.Throws<InvalidDataException>(() => BuildFastImporter.Read(new StringReader("now_build_id,now_duration\n1,2\n"), "p", "x.csv"));

        Assert.Contains("now_label", error.Message);
    }
}
