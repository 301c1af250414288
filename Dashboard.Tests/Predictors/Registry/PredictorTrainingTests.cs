using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving;
using MlOpsDashboard.Core.Predictors.TestSelection;
using MlOpsDashboard.Core.Predictors.Training;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Registry;

/// <summary>
/// Trains all three predictors on small slices, registers them in a real Sqlite database and data
/// folder, and serves them back from the files: the path `train` and the prediction API take.
/// </summary>
public sealed class PredictorTrainingTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("mlops-models-").FullName;
    private readonly TestDatabase _database = new();
    private readonly Core.Drift.Profiles.ReferenceProfileStore _driftProfiles;
    private readonly ModelRegistry _registry;

    public PredictorTrainingTests()
    {
        _registry = new ModelRegistry(_database, Options.Create(new DataOptions { Directory = _data }), TimeProvider.System);
        _driftProfiles = new Core.Drift.Profiles.ReferenceProfileStore(_database);
    }

    public void Dispose()
    {
        _database.Dispose();
        TempFolders.TryDelete(_data);
    }

    private IReadOnlyList<BuildExample> Builds()
    {
        var csv = Path.Combine(_data, "csv");
        PredictorTestData.WriteBuildFastCsv(csv, "acme@widgets", 220, seed: 1);
        PredictorTestData.WriteBuildFastCsv(csv, "acme@gadgets", 180, seed: 2);
        return BuildFastImporter.ReadFolder(csv);
    }

    private static readonly BuildTimeTrainingOptions FastTime = new() { Trees = 30 };
    private static readonly FailureRiskTrainingOptions FastFailure = new() { MaxEpochs = 12, Patience = 4, ChallengerTrees = 30 };

    [Fact]
    public async Task TrainBuilds_SmallSlice_RegistersBothFailureModelsWithChampionAndServesIt()
    {
        var training = new PredictorTraining(_registry, new DriftReferencePublisher(_driftProfiles, TimeProvider.System));

        var builds = Builds();
        var (report, registered) = await training.TrainBuildsAsync(builds, "generated test data", "tester", null, CancellationToken.None, FastTime, FastFailure);

        Assert.Equal(2, report.Projects.Count);
        // The generated failures follow the previous build's outcome and the change size, so both models must beat chance.
        Assert.True(report.MeanAuc > 0.65, $"mean AUC {report.MeanAuc}");
        Assert.True(report.MeanMae < report.MeanMedianMae, $"MAE {report.MeanMae} vs median baseline {report.MeanMedianMae}");
        // The average of both is registered (as a third version) only when validation makes it champion.
        var averagedChampion = report.ChampionTrainer == "average(torchsharp-mlp, mlnet-fasttree)";
        string[] failureIds = averagedChampion ? ["failure-risk/v1", "failure-risk/v2", "failure-risk/v3"] : ["failure-risk/v1", "failure-risk/v2"];
        Assert.Equal(["build-time/v1", .. failureIds], registered.Select(v => v.Id.ToString()));
        var failure = await _registry.ListAsync(PredictorKind.FailureRisk);
        Assert.Single(failure, v => v.Aliases.Contains(ModelAlias.Champion));
        Assert.Single(failure, v => v.Aliases.Contains(ModelAlias.Challenger));
        Assert.Contains(failure, v => v.Trainer == "torchsharp-mlp");
        Assert.Contains(failure, v => v.Trainer == "mlnet-fasttree");
        Assert.Equal(report.ChampionTrainer, failure.Single(v => v.Aliases.Contains(ModelAlias.Champion)).Trainer);
        Assert.All(failure, v => Assert.True(File.Exists(Path.Combine(v.Directory, FailureRiskModel.CalibrationFile))));
        var profile = await _registry.GetReferenceProfileAsync(failure[0].Id);
        Assert.NotNull(profile);
        Assert.Equal(BuildFeatureVector.Length, profile.Features.Count);
        Assert.Equal(ReferenceProfile.Bins, profile.Features[0].BinCounts.Count);
        // Drift detection gets every version's training columns under the prediction log's names.
        var drift = await _driftProfiles.ListAsync(CancellationToken.None);
        Assert.Equal([("build-time", "v1"), .. failureIds.Select(id => ("failure-risk", id.Split('/')[1]))], drift.Select(d => (d.Model, d.Version)).Order());
        var driftProfile = await _driftProfiles.GetAsync("failure-risk", "v1", CancellationToken.None);
        Assert.Equal(BuildFeatureVector.Names, driftProfile!.Features.Select(f => f.Name));

        await AssertImportanceStoredAsync(failure, FailureDrivers);
        await AssertImportanceStoredAsync(await _registry.ListAsync(PredictorKind.BuildTime), ChangeSize);

        var served = await new RegistryServedModelProvider(_registry).GetCurrentAsync();
        var champion = failure.Single(v => v.Aliases.Contains(ModelAlias.Champion));
        Assert.Equal(champion.Id, served.FailureRisk!.Version);
        // Served from the files, the champion still separates the generated failures from passes.
        var answers = builds.Select(b => served.FailureRisk.Predict(b.Features)).ToList();
        var auc = QualityMetrics.RocAuc([.. builds.Select(b => b.Failed)], [.. answers.Select(a => a.FailureProbability)]);
        Assert.True(auc > 0.65, $"AUC of the served champion {auc}");
        Assert.Contains(answers, a => a.Drivers.Count > 0);

        var time = served.BuildTime!.Predict(new BuildFeatures { FilesModified = 30, LinesAdded = 300, PreviousDurationSeconds = 400, SourceChurn = 390 });
        Assert.InRange(time.Seconds, time.LowerSeconds, time.UpperSeconds);
        Assert.Equal(0.8, time.Coverage);
        Assert.Equal(new ModelVersionId(PredictorKind.BuildTime, 1), time.Model);
    }

    // The generated builds: duration grows with the change size; failures follow the previous outcome and the change size.
    private static readonly string[] ChangeSize =
        [nameof(BuildFeatures.FilesModified), nameof(BuildFeatures.LinesAdded), nameof(BuildFeatures.LinesDeleted), nameof(BuildFeatures.SourceChurn)];

    private static readonly string[] FailureDrivers =
    [
        .. ChangeSize, nameof(BuildFeatures.PreviousBuildFailed), nameof(BuildFeatures.RecentFailureRatio),
        nameof(BuildFeatures.PreviousTestsFailed), nameof(BuildFeatures.ConsecutiveFailures), nameof(BuildFeatures.FailureRatio),
    ];

    /// <summary>Every version carries importance for every feature it reads, led by a real driver; a constant column (team size 5) counts for nothing.</summary>
    private async Task AssertImportanceStoredAsync(IReadOnlyList<ModelVersion> versions, string[] drivers)
    {
        Assert.NotEmpty(versions);
        foreach (var version in versions)
        {
            var importance = await _registry.GetFeatureImportanceAsync(version);
            Assert.True(File.Exists(Path.Combine(version.Directory, FeatureImportanceSet.FileName)), version.Id.ToString());
            // Failure risk reads every canonical column but the build-time-only ones (FailureRiskInputs.Default).
            var columns = version.Id.Kind == PredictorKind.FailureRisk ? FailureRiskInputs.Default.Names : BuildFeatureVector.Names;
            Assert.Equal(columns.Order(StringComparer.Ordinal), importance.Features.Select(f => f.Feature).Order(StringComparer.Ordinal));
            Assert.Contains(importance.Features[0].Feature, drivers);
            Assert.True(importance.Features[0].Importance > 0, $"{version.Id}: top importance {importance.Features[0]}");
            Assert.Equal(0, importance.Features.Single(f => f.Feature == nameof(BuildFeatures.TeamSize)).Importance);
            Assert.False(string.IsNullOrEmpty(importance.Metric));
        }
    }

    [Fact]
    public async Task Models_SaveAndLoad_AnswerIdentically()
    {
        var builds = Builds();
        var time = BuildTimeTrainer.Train(builds, FastTime);
        var failure = FailureRiskTrainer.Train(builds, FastFailure);
        var features = builds[^1].Features;
        var folder = Path.Combine(_data, "roundtrip");
        time.Save(Path.Combine(folder, "time"));
        failure.Network.Save(Path.Combine(folder, "mlp"));
        failure.Challenger.Save(Path.Combine(folder, "tree"));

        var id = new ModelVersionId(PredictorKind.FailureRisk, 9);
        Assert.Equal(time.Predict(features).Seconds, BuildTimeModel.Load(Path.Combine(folder, "time"), id, "x").Predict(features).Seconds, 4);
        Assert.Equal(failure.Network.Predict(features).FailureProbability, FailureRiskModel.Load(Path.Combine(folder, "mlp"), id, "x").Predict(features).FailureProbability, 5);
        var tree = FailureRiskModel.Load(Path.Combine(folder, "tree"), id, "x");
        Assert.IsType<GradientBoostedFailureRiskModel>(tree);
        Assert.Equal(failure.Challenger.Predict(features).FailureProbability, tree.Predict(features).FailureProbability, 5);

        // The average answers the mean of its members, also after a round trip through its files.
        failure.Averaged.Save(Path.Combine(folder, "average"));
        var averaged = Assert.IsType<AveragedFailureRiskModel>(FailureRiskModel.Load(Path.Combine(folder, "average"), id, "x"));
        var mean = (failure.Network.Predict(features).FailureProbability + failure.Challenger.Predict(features).FailureProbability) / 2;
        Assert.Equal(mean, failure.Averaged.Predict(features).FailureProbability, 6);
        Assert.Equal(mean, averaged.Predict(features).FailureProbability, 5);
        Assert.Equal(failure.Averaged.Calibration.ProjectThresholds, averaged.Calibration.ProjectThresholds);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task TrainTests_IofrolSlice_RanksTestsAndBeatsRandomOrder()
    {
        var runs = TestVerdictImporter.ReadFile(PredictorTestData.IofrolPath).Where(r => r.Cycle <= 120).ToList();

        var (report, version) = await new PredictorTraining(_registry, new DriftReferencePublisher(_driftProfiles, TimeProvider.System)).TrainTestsAsync(runs, "iofrol (MIT)", "tester", null, CancellationToken.None, new TestSelectionTrainingOptions { Trees = 20 });

        Assert.True(report.MeanApfd > report.Projects[0].Random.Apfd, $"APFD {report.MeanApfd} vs random {report.Projects[0].Random.Apfd}");
        Assert.Contains(ModelAlias.Champion, (await _registry.GetAsync(version.Id))!.Aliases);
        // Stored with the version, from later cycles than the forest was fitted on: the verdict history leads.
        var importance = await _registry.GetFeatureImportanceAsync(version);
        Assert.Equal(TestCaseFeatureVector.Length, importance.Features.Count);
        Assert.Contains(importance.Features[0].Feature, (string[])[nameof(TestCaseFeatures.LastRunFailed), nameof(TestCaseFeatures.RecentFailureRatio),
            nameof(TestCaseFeatures.PreviousFailures), nameof(TestCaseFeatures.ConsecutiveFailures), nameof(TestCaseFeatures.RunsSinceLastFailure),
            nameof(TestCaseFeatures.DurationSeconds), nameof(TestCaseFeatures.PreviousRuns), "PreviousFailureRatio"]);
        Assert.True(importance.Features[0].Importance > 0);
        var served = (ITestSelectionPredictor)(await new RegistryServedModelProvider(_registry).GetVersionAsync(version.Id))!;
        var result = served.Select(new TestSelectionRequest([.. runs.TakeLast(30).Select(r => r.Features)], TimeBudgetSeconds: 600));
        Assert.Equal(30, result.Ranked.Count);
        Assert.True(result.SelectedDurationSeconds <= 600);
        Assert.InRange(result.ExpectedShareOfFailuresCaught, 0, 1);
        Assert.Null(await new RegistryServedModelProvider(_registry).GetVersionAsync(new ModelVersionId(PredictorKind.TestSelection, 99)));
    }

    [Fact]
    public async Task SetAlias_UnknownVersion_Throws()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _registry.SetAliasAsync(new ModelVersionId(PredictorKind.BuildTime, 4), ModelAlias.Champion));
    }
}
