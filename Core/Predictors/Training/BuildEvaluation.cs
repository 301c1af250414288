using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Training;

/// <summary>One project's test-part figures, the models' and the naive baselines' side by side.</summary>
public sealed record BuildProjectFigures(
    string Project, int TrainBuilds, int TestBuilds, double FailedShare,
    double ChampionF1, double ChampionAuc, double NetworkF1, double NetworkAuc, double ChallengerF1, double ChallengerAuc,
    double PreviousFailedF1,
    double Mae, double R2, double PreviousDurationMae, double MedianMae, double IntervalCoverage,
    double AveragedF1, double AveragedAuc);

public sealed record BuildEvaluationReport(
    IReadOnlyList<BuildProjectFigures> Projects,
    string ChampionTrainer,
    ValidationScore NetworkValidation,
    ValidationScore ChallengerValidation,
    ValidationScore AveragedValidation)
{
    public double MeanF1 => QualityMetrics.MeanDefined(Projects.Select(p => p.ChampionF1));
    public double MeanAuc => QualityMetrics.MeanDefined(Projects.Select(p => p.ChampionAuc));
    public double MeanNetworkF1 => QualityMetrics.MeanDefined(Projects.Select(p => p.NetworkF1));
    public double MeanNetworkAuc => QualityMetrics.MeanDefined(Projects.Select(p => p.NetworkAuc));
    public double MeanChallengerF1 => QualityMetrics.MeanDefined(Projects.Select(p => p.ChallengerF1));
    public double MeanChallengerAuc => QualityMetrics.MeanDefined(Projects.Select(p => p.ChallengerAuc));
    public double MeanAveragedF1 => QualityMetrics.MeanDefined(Projects.Select(p => p.AveragedF1));
    public double MeanAveragedAuc => QualityMetrics.MeanDefined(Projects.Select(p => p.AveragedAuc));
    public double MeanPreviousFailedF1 => QualityMetrics.MeanDefined(Projects.Select(p => p.PreviousFailedF1));
    public double MeanMae => QualityMetrics.MeanDefined(Projects.Select(p => p.Mae));
    public double MeanR2 => QualityMetrics.MeanDefined(Projects.Select(p => p.R2));
    public double MeanPreviousDurationMae => QualityMetrics.MeanDefined(Projects.Select(p => p.PreviousDurationMae));
    public double MeanMedianMae => QualityMetrics.MeanDefined(Projects.Select(p => p.MedianMae));
}

/// <summary>
/// The datasets README's protocol for builds: per project the first 80% (by build order) train,
/// the last 20% test; models train on the pooled training parts; figures are per project and
/// their mean. Returns the trained models too, so a caller can register what it evaluated.
/// </summary>
public static class BuildEvaluation
{
    public static (BuildEvaluationReport Report, BuildTimeModel BuildTime, FailureRiskTrainingResult FailureRisk) Run(
        IReadOnlyList<BuildExample> examples, BuildTimeTrainingOptions buildTimeOptions, FailureRiskTrainingOptions failureOptions, IProgress<string>? progress = null)
    {
        var (train, test) = ChronologicalSplit.Split(examples, e => e.Project, e => e.Order);
        progress?.Report($"protocol: {train.Count} training and {test.Count} test builds in {examples.Select(e => e.Project).Distinct().Count()} projects");
        var buildTime = BuildTimeTrainer.Train(train, buildTimeOptions, progress);
        var failure = FailureRiskTrainer.Train(train, failureOptions, progress);
        var projects = new List<BuildProjectFigures>();
        foreach (var group in test.GroupBy(e => e.Project).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToList();
            var trainRows = train.Where(e => e.Project == group.Key).ToList();
            var vectors = rows.Select(e => BuildFeatureVector.ToVector(e.Features)).ToList();
            var failed = rows.Select(e => e.Failed).ToList();
            var durations = rows.Select(e => e.DurationSeconds).ToList();
            var network = failure.Network.PredictProbabilities(vectors);
            var challenger = failure.Challenger.PredictProbabilities(vectors);
            var averaged = failure.Averaged.PredictProbabilities(vectors);
            var champion = failure.AveragedIsChampion ? averaged : failure.NetworkLeads ? network : challenger;
            var seconds = buildTime.PredictBatch(vectors);
            var median = trainRows.Count == 0 ? 0 : QualityMetrics.Quantile([.. trainRows.Select(e => e.DurationSeconds).Order()], 0.5);
            var inside = rows.Select((e, i) => e.DurationSeconds >= Math.Max(0, seconds[i] + buildTime.Calibration.ResidualLow)
                && e.DurationSeconds <= seconds[i] + buildTime.Calibration.ResidualHigh).Count(x => x);
            projects.Add(new BuildProjectFigures(
                group.Key, trainRows.Count, rows.Count, failed.Count(f => f) / (double)rows.Count,
                F1(failed, champion, failure.Champion.Calibration.ThresholdFor(group.Key)), QualityMetrics.RocAuc(failed, champion),
                F1(failed, network, failure.Network.Calibration.ThresholdFor(group.Key)), QualityMetrics.RocAuc(failed, network),
                F1(failed, challenger, failure.Challenger.Calibration.ThresholdFor(group.Key)), QualityMetrics.RocAuc(failed, challenger),
                QualityMetrics.F1(failed, [.. rows.Select(e => e.Features.PreviousBuildFailed == true)]),
                QualityMetrics.MeanAbsoluteError(durations, seconds), QualityMetrics.RSquared(durations, seconds),
                QualityMetrics.MeanAbsoluteError(durations, [.. rows.Select(e => e.Features.PreviousDurationSeconds)]),
                QualityMetrics.MeanAbsoluteError(durations, [.. rows.Select(_ => median)]),
                inside / (double)rows.Count,
                F1(failed, averaged, failure.Averaged.Calibration.ThresholdFor(group.Key)), QualityMetrics.RocAuc(failed, averaged)));
        }
        var report = new BuildEvaluationReport(projects, failure.Champion.Trainer, failure.NetworkScore, failure.ChallengerScore, failure.AveragedScore);
        return (report, buildTime, failure);
    }

    private static double F1(IReadOnlyList<bool> failed, IReadOnlyList<double> probabilities, double threshold) =>
        QualityMetrics.F1(failed, [.. probabilities.Select(p => p >= threshold)]);
}
