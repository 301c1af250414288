using System.Text.Json;
using System.Text.Json.Nodes;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.FailureRisk;

/// <summary>
/// Failure risk reads its own list of canonical columns: a column added for build time must leave
/// its input width, scaler, initialisation and answers exactly as they were.
/// </summary>
public sealed class FailureRiskInputsTests : IDisposable
{
    private static readonly FailureRiskTrainingOptions Fast = new() { MaxEpochs = 3, Patience = 1, ChallengerTrees = 20 };
    private static readonly ModelVersionId Id = new(PredictorKind.FailureRisk, 3);

    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-failure-inputs-").FullName;

    public void Dispose() => TempFolders.TryDelete(_folder);


    [Fact]
    public void Default_CanonicalVectorWithBuildTimeOnlyColumn_LeavesItOut()
    {
        Assert.Contains(nameof(BuildFeatures.RecentPassedDurationSeconds), BuildFeatureVector.Names);
        Assert.DoesNotContain(nameof(BuildFeatures.RecentPassedDurationSeconds), FailureRiskInputs.Default.Names);
        Assert.Equal(BuildFeatureVector.Length - FailureRiskInputs.BuildTimeOnly.Count, FailureRiskInputs.Default.Count);
        Assert.Equal(BuildFeatureVector.Names.Where(n => !FailureRiskInputs.BuildTimeOnly.Contains(n)), FailureRiskInputs.Default.Names);
    }

    [Fact]
    public void Select_CanonicalVector_TakesTheNamedColumnsInTheirOrder()
    {
        var inputs = new FailureRiskInputs([nameof(BuildFeatures.TestCount), nameof(BuildFeatures.FilesModified)]);
        var features = new BuildFeatures { FilesModified = 4, TestCount = 900, RecentPassedDurationSeconds = 3_000 };

        Assert.Equal([900f, 4f], inputs.ToVector(features));
        Assert.Throws<ArgumentException>(() => inputs.Select([1f, 2f]));
    }

    [Fact]
    public void Constructor_UnknownOrRepeatedColumn_NamesIt()
    {
        var unknown = Assert.Throws<ArgumentException>(() => new FailureRiskInputs([nameof(BuildFeatures.TestCount), "MinutesOnMars"]));
        var repeated = Assert.Throws<ArgumentException>(() => new FailureRiskInputs([nameof(BuildFeatures.TestCount), nameof(BuildFeatures.TestCount)]));

        Assert.Contains("MinutesOnMars", unknown.Message);
        Assert.Contains(nameof(BuildFeatures.TestCount), repeated.Message);
    }

    [Fact]
    public void Train_BuildTimeOnlyColumnChanged_SameWidthScalerAndProbabilities()
    {
        var builds = PredictorTestData.RealBuilds();
        var random = new Random(5);
        var changed = builds.Select(b => b with { Features = b.Features with { RecentPassedDurationSeconds = random.Next(1, 50_000) } }).ToList();

        var original = FailureRiskTrainer.Train(builds, Fast);
        var withColumn = FailureRiskTrainer.Train(changed, Fast);

        var network = (MlpFailureRiskModel)withColumn.Network;
        Assert.Equal(FailureRiskInputs.Default.Names, network.Calibration.InputColumns);
        Assert.Equal(BuildFeatureVector.Length - 1, network.Calibration.Scaler!.Means.Length);
        Assert.Equal(original.Network.Calibration.Scaler!.Means, network.Calibration.Scaler.Means);
        Assert.Equal(original.Network.Calibration.Scaler.Deviations, network.Calibration.Scaler.Deviations);
        var vectors = changed.Select(b => BuildFeatureVector.ToVector(b.Features)).ToList();
        Assert.Equal(original.Network.PredictProbabilities(vectors), withColumn.Network.PredictProbabilities(vectors));
        Assert.Equal(original.Challenger.PredictProbabilities(vectors), withColumn.Challenger.PredictProbabilities(vectors));
        Assert.Equal(original.Averaged.PredictProbabilities(vectors), withColumn.Averaged.PredictProbabilities(vectors));
        Assert.Equal(original.AveragedScore, withColumn.AveragedScore);
    }

    [Fact]
    public void Predict_SavedAndLoaded_ReadsItsColumnsAndNamesOnlyThemAsDrivers()
    {
        var builds = PredictorTestData.RealBuilds();
        var averaged = FailureRiskTrainer.Train(builds, Fast).Averaged;
        averaged.Save(_folder);
        var loaded = FailureRiskModel.Load(_folder, Id, "test");

        Assert.Equal(FailureRiskInputs.Default.Names, loaded.Inputs.Names);
        foreach (var build in builds.Skip(560))
        {
            var prediction = loaded.Predict(build.Features);
            var longer = loaded.Predict(build.Features with { RecentPassedDurationSeconds = build.Features.RecentPassedDurationSeconds + 9_000 });

            Assert.Equal(averaged.Predict(build.Features).FailureProbability, prediction.FailureProbability, 12);
            Assert.Equal(prediction.FailureProbability, longer.FailureProbability);
            Assert.DoesNotContain(prediction.Drivers, d => d.Feature == nameof(BuildFeatures.RecentPassedDurationSeconds));
        }
    }

    [Fact]
    public void Load_CalibrationStoredBeforeItNamedColumns_ReadsTheFirst41AndAnswersAsBefore()
    {
        var builds = PredictorTestData.RealBuilds();
        var network = FailureRiskTrainer.Train(builds, Fast).Network;
        network.Save(_folder);
        EditCalibration(_folder, calibration => calibration.Remove(nameof(FailureRiskCalibration.InputColumns)));

        var loaded = FailureRiskModel.Load(_folder, Id, "test");

        Assert.Null(loaded.Calibration.InputColumns);
        Assert.Equal(BuildFeatureVector.Names.Take(41), loaded.Inputs.Names);
        var vectors = builds.Select(b => BuildFeatureVector.ToVector(b.Features)).ToList();
        Assert.Equal(network.PredictProbabilities(vectors), loaded.PredictProbabilities(vectors));
    }

    [Fact]
    public void Load_CalibrationNamingAColumnThisBuildDoesNotCompute_IsRefusedNamingIt()
    {
        var network = FailureRiskTrainer.Train(PredictorTestData.RealBuilds(), Fast).Network;
        network.Save(_folder);
        EditCalibration(_folder, calibration => calibration[nameof(FailureRiskCalibration.InputColumns)]![0] = "MinutesOnMars");

        var error = Assert.Throws<InvalidDataException>(() => FailureRiskModel.Load(_folder, Id, "test"));

        Assert.Contains("MinutesOnMars", error.Message);
        Assert.Contains("Retrain", error.Message);
    }

    [Fact]
    public void Load_CalibrationNamingFewerColumnsThanTheNetworkReads_IsRefused()
    {
        var trained = FailureRiskTrainer.Train(PredictorTestData.RealBuilds(), Fast);
        var network = Path.Combine(_folder, "mlp");
        var trees = Path.Combine(_folder, "fasttree");
        trained.Network.Save(network);
        trained.Challenger.Save(trees);
        EditCalibration(network, calibration => calibration[nameof(FailureRiskCalibration.InputColumns)]!.AsArray().RemoveAt(40));
        EditCalibration(trees, calibration => calibration[nameof(FailureRiskCalibration.InputColumns)]!.AsArray().RemoveAt(40));

        var networkError = Assert.Throws<InvalidDataException>(() => FailureRiskModel.Load(network, Id, "test"));
        var treesError = Assert.Throws<InvalidDataException>(() => FailureRiskModel.Load(trees, Id, "test"));

        Assert.Contains("40 columns", networkError.Message);
        Assert.Contains("40 columns", treesError.Message);
    }

    private static void EditCalibration(string folder, Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, FailureRiskModel.CalibrationFile);
        var calibration = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(calibration);
        File.WriteAllText(path, calibration.ToJsonString(new JsonSerializerOptions()));
    }
}
