using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.FailureRisk;

/// <summary>
/// A training's network follows from its seed even while other networks are trained or loaded:
/// torch's random generator is one for the process.
/// </summary>
public sealed class FailureRiskTrainerSeedTests
{
    private static readonly FailureRiskTrainingOptions Fast = new() { MaxEpochs = 3, Patience = 1, ChallengerTrees = 10 };

    [Fact]
    public async Task Train_BesideOtherTrainings_SameNetworkAsTrainedAlone()
    {
        var builds = PredictorTestData.RealBuilds();
        var vectors = builds.Select(b => BuildFeatureVector.ToVector(b.Features)).ToList();
        var alone = FailureRiskTrainer.Train(builds, Fast).Network.PredictProbabilities(vectors);

        var beside = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() =>
            FailureRiskTrainer.Train(builds, Fast with { Seed = Fast.Seed + i }).Network.PredictProbabilities(vectors))));

        Assert.Equal(alone, beside[0]);
        Assert.NotEqual(alone, beside[1]);
    }
}
