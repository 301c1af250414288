using System.Text.Json;
using System.Text.Json.Nodes;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.BuildTime;

/// <summary>Build-time versions stored before RecentPassedDurationSeconds was appended to the canonical vector.</summary>
public sealed class BuildTimeModelLoadTests : IDisposable
{
    private static readonly ModelVersionId Id = new(PredictorKind.BuildTime, 2);

    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-build-time-load-").FullName;

    public void Dispose() => TempFolders.TryDelete(_folder);


    [Fact]
    public void Load_VersionStoredWith41Medians_AnswersAsItsTreesDidWithoutTheNewColumn()
    {
        var builds = PredictorTestData.RealBuilds();
        // Trees trained where the appended column is always 0 never read it, like a version trained before it existed.
        var withoutColumn = builds.Select(b => b with { Features = b.Features with { RecentPassedDurationSeconds = 0 } }).ToList();
        var old = BuildTimeTrainer.Train(withoutColumn, new BuildTimeTrainingOptions { Trees = 60 });
        old.Save(_folder);
        EditMedians(_folder, medians => medians.RemoveAt(BuildFeatureVector.Length - 1));

        var loaded = BuildTimeModel.Load(_folder, Id, "test");

        Assert.Equal(BuildFeatureVector.Length, loaded.Calibration.Medians.Length);
        Assert.Equal(old.Calibration.Medians.Take(41), loaded.Calibration.Medians.Take(41));
        Assert.Equal(0, loaded.Calibration.Medians[^1]);
        Assert.All(builds.Skip(560), b => Assert.True(b.Features.RecentPassedDurationSeconds > 0));
        foreach (var (build, before) in builds.Zip(withoutColumn).Skip(560))
        {
            var answer = loaded.Predict(build.Features);

            Assert.Equal(old.Predict(before.Features).Seconds, answer.Seconds, 9);
            Assert.DoesNotContain(answer.Drivers, d => d.Feature == nameof(BuildFeatures.RecentPassedDurationSeconds));
        }
    }

    [Fact]
    public void Load_VersionWithMoreColumnsThanThisBuildComputes_IsRefused()
    {
        BuildTimeTrainer.Train(PredictorTestData.RealBuilds(), new BuildTimeTrainingOptions { Trees = 20 }).Save(_folder);
        EditMedians(_folder, medians => medians.Add(7));

        var error = Assert.Throws<InvalidDataException>(() => BuildTimeModel.Load(_folder, Id, "test"));

        Assert.Contains($"{BuildFeatureVector.Length + 1} feature columns", error.Message);
        Assert.Contains("Retrain", error.Message);
    }

    private static void EditMedians(string folder, Action<JsonArray> edit)
    {
        var path = Path.Combine(folder, BuildTimeModel.CalibrationFile);
        var calibration = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(calibration[nameof(BuildTimeCalibration.Medians)]!.AsArray());
        File.WriteAllText(path, calibration.ToJsonString(new JsonSerializerOptions()));
    }
}
