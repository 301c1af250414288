using System.Globalization;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Bench.Predictors;

/// <summary>
/// Writes every validation and test build's failure probabilities (network, FastTree, average) to a CSV,
/// so decision rules can be studied outside the product without retraining
/// (set <c>BENCH_FAILURE_DUMP</c> to a file path when running <c>--only builds</c>).
/// </summary>
internal static class FailureProbabilityDump
{
    public static void Write(string path, IReadOnlyList<BuildExample> builds, FailureRiskTrainingResult failure)
    {
        var (train, test) = ChronologicalSplit.Split(builds, e => e.Project, e => e.Order);
        var (_, validation) = ChronologicalSplit.Split(train, e => e.Project, e => e.Order);
        using var writer = new StreamWriter(path);
        writer.WriteLine("part,project,order,failed,previous_failed,network,challenger,average");
        foreach (var (part, rows) in new[] { ("validation", validation), ("test", test) })
        {
            var vectors = rows.Select(e => BuildFeatureVector.ToVector(e.Features)).ToList();
            var network = failure.Network.PredictProbabilities(vectors);
            var challenger = failure.Challenger.PredictProbabilities(vectors);
            var averaged = failure.Averaged.PredictProbabilities(vectors);
            for (var i = 0; i < rows.Count; i++)
            {
                var e = rows[i];
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{part},{e.Project},{e.Order},{(e.Failed ? 1 : 0)},{(e.Features.PreviousBuildFailed == true ? 1 : 0)},{network[i]:R},{challenger[i]:R},{averaged[i]:R}"));
            }
        }
    }
}
