using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Core.Predictors.Training;

/// <summary>
/// Trains, evaluates with the datasets README's protocol and registers: failure risk registers
/// both the network and the challenger (and their average when validation makes it champion)
/// and makes the better on validation champion; build time
/// and test selection become champion when their predictor has none yet or they beat it.
/// </summary>
public sealed class PredictorTraining(ModelRegistry registry, DriftReferencePublisher drift)
{
    public async Task<(BuildEvaluationReport Report, IReadOnlyList<ModelVersion> Registered)> TrainBuildsAsync(
        IReadOnlyList<BuildExample> examples, string dataSource, string author, IProgress<string>? progress, CancellationToken cancellationToken,
        BuildTimeTrainingOptions? buildTimeOptions = null, FailureRiskTrainingOptions? failureOptions = null)
    {
        var (report, buildTime, failure) = BuildEvaluation.Run(examples, buildTimeOptions ?? new(), failureOptions ?? new(), progress);
        cancellationToken.ThrowIfCancellationRequested();
        var vectors = examples.Select(e => BuildFeatureVector.ToVector(e.Features)).ToList();
        var profile = ReferenceProfile.Build(vectors, BuildFeatureVector.Names);
        var registered = new List<ModelVersion>();

        var timeVersion = await registry.RegisterAsync(new ModelRegistration(PredictorKind.BuildTime, "mlnet-fasttree-regression", dataSource,
            new Dictionary<string, double>
            {
                ["test.mae"] = report.MeanMae, ["test.r2"] = report.MeanR2,
                ["baseline.previous-duration.mae"] = report.MeanPreviousDurationMae, ["baseline.median.mae"] = report.MeanMedianMae,
                ["interval.coverage"] = buildTime.Calibration.Coverage,
            },
            [.. report.Projects.Select(p => new ProjectFigure(p.Project, new Dictionary<string, double> { ["mae"] = p.Mae, ["r2"] = p.R2, ["baseline.previous-duration.mae"] = p.PreviousDurationMae }))],
            profile, author, buildTime.Save)
        {
            FeatureImportance = new FeatureImportanceSet("validation MAE increase (s)", buildTime.Calibration.FeatureImportance),
        }, cancellationToken);
        registered.Add(timeVersion);
        await drift.PublishAsync(timeVersion.Id, vectors, BuildFeatureVector.Names, cancellationToken);
        await PromoteIfBetterAsync(timeVersion, "test.mae", lowerIsBetter: true, cancellationToken);

        var network = await RegisterFailureAsync(failure.Network, failure.NetworkScore, report, p => (p.NetworkF1, p.NetworkAuc), report.MeanNetworkF1, report.MeanNetworkAuc, dataSource, author, profile, cancellationToken);
        var challenger = await RegisterFailureAsync(failure.Challenger, failure.ChallengerScore, report, p => (p.ChallengerF1, p.ChallengerAuc), report.MeanChallengerF1, report.MeanChallengerAuc, dataSource, author, profile, cancellationToken);
        List<ModelVersion> failureVersions = [network, challenger];
        // The average is registered only when validation makes it champion: otherwise it is just a weaker copy of its members.
        var averaged = failure.AveragedIsChampion
            ? await RegisterFailureAsync(failure.Averaged, failure.AveragedScore, report, p => (p.AveragedF1, p.AveragedAuc), report.MeanAveragedF1, report.MeanAveragedAuc, dataSource, author, profile, cancellationToken)
            : null;
        if (averaged is not null)
        {
            failureVersions.Add(averaged);
        }
        registered.AddRange(failureVersions);
        foreach (var version in failureVersions)
        {
            await drift.PublishAsync(version.Id, vectors, BuildFeatureVector.Names, cancellationToken);
        }
        var (champion, runnerUp) = (averaged, failure.NetworkLeads) switch
        {
            (not null, true) => (averaged, network),
            (not null, false) => (averaged, challenger),
            (null, true) => (network, challenger),
            (null, false) => (challenger, network),
        };
        await registry.SetAliasAsync(champion.Id, ModelAlias.Champion, cancellationToken);
        await registry.SetAliasAsync(runnerUp.Id, ModelAlias.Challenger, cancellationToken);
        progress?.Report($"registered {timeVersion.Id}, {network.Id} (network), {challenger.Id} (FastTree){(averaged is null ? "" : $", {averaged.Id} (average)")}; champion {champion.Id}");
        return (report, registered);
    }

    public async Task<(TestSelectionEvaluationReport Report, ModelVersion Registered)> TrainTestsAsync(
        IReadOnlyList<TestCaseExample> examples, string dataSource, string author, IProgress<string>? progress, CancellationToken cancellationToken,
        TestSelectionTrainingOptions? options = null)
    {
        var (report, model) = TestSelectionEvaluation.Run(examples, options ?? new(), progress);
        cancellationToken.ThrowIfCancellationRequested();
        var vectors = examples.Select(e => TestCaseFeatureVector.ToVector(e.Features)).ToList();
        var profile = ReferenceProfile.Build(vectors, TestCaseFeatureVector.Names);
        var metrics = new Dictionary<string, double>
        {
            ["test.apfd"] = report.MeanApfd,
            ["test.apfdc"] = QualityMetrics.MeanDefined(report.Projects.Select(p => p.Model.ApfdCost)),
            ["test.time-share-to-catch-all"] = QualityMetrics.MeanDefined(report.Projects.Select(p => p.Model.TimeShareToCatchAll)),
            ["baseline.naive.apfd"] = QualityMetrics.MeanDefined(report.Projects.Select(p => p.Naive.Apfd)),
            ["baseline.random.apfd"] = QualityMetrics.MeanDefined(report.Projects.Select(p => p.Random.Apfd)),
        };
        var version = await registry.RegisterAsync(new ModelRegistration(PredictorKind.TestSelection, "mlnet-fastforest", dataSource, metrics,
            [.. report.Projects.Select(p => new ProjectFigure(p.Project, new Dictionary<string, double> { ["apfd"] = p.Model.Apfd, ["apfdc"] = p.Model.ApfdCost, ["baseline.naive.apfd"] = p.Naive.Apfd }))],
            profile, author, model.Save)
        {
            FeatureImportance = new FeatureImportanceSet("validation ROC AUC drop", model.Calibration.FeatureImportance),
        }, cancellationToken);
        await drift.PublishAsync(version.Id, vectors, TestCaseFeatureVector.Names, cancellationToken);
        await PromoteIfBetterAsync(version, "test.apfd", lowerIsBetter: false, cancellationToken);
        progress?.Report($"registered {version.Id}");
        return (report, version);
    }

    private async Task<ModelVersion> RegisterFailureAsync(FailureRiskModel model, ValidationScore score, BuildEvaluationReport report,
        Func<BuildProjectFigures, (double F1, double Auc)> figuresOf, double meanF1, double meanAuc,
        string dataSource, string author, ReferenceProfile profile, CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<string, double>
        {
            ["validation.auc"] = score.Auc, ["validation.f1"] = score.F1, ["threshold"] = score.Threshold,
            ["test.f1"] = meanF1,
            ["test.auc"] = meanAuc,
            ["baseline.previous-failed.f1"] = report.MeanPreviousFailedF1,
        };
        if (model is MlpFailureRiskModel)
        {
            metrics["epochs"] = score.Epochs;
        }
        var figures = report.Projects.Select(p => new ProjectFigure(p.Project, new Dictionary<string, double>
        {
            ["f1"] = figuresOf(p).F1,
            ["auc"] = figuresOf(p).Auc,
            ["baseline.previous-failed.f1"] = p.PreviousFailedF1,
        })).ToList();
        return await registry.RegisterAsync(new ModelRegistration(PredictorKind.FailureRisk, model.Trainer, dataSource, metrics, figures, profile, author, model.Save)
        {
            FeatureImportance = new FeatureImportanceSet("validation ROC AUC drop", model.Calibration.FeatureImportance),
        }, cancellationToken);
    }

    private async Task PromoteIfBetterAsync(ModelVersion candidate, string metric, bool lowerIsBetter, CancellationToken cancellationToken)
    {
        var champion = await registry.GetByAliasAsync(candidate.Id.Kind, ModelAlias.Champion, cancellationToken);
        var value = candidate.Metrics.GetValueOrDefault(metric, double.NaN);
        var current = champion?.Metrics.GetValueOrDefault(metric, double.NaN) ?? double.NaN;
        var better = champion is null || double.IsNaN(current) || (lowerIsBetter ? value < current : value > current);
        await registry.SetAliasAsync(candidate.Id, better ? ModelAlias.Champion : ModelAlias.Challenger, cancellationToken);
    }
}
