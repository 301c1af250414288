using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Training;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Serving;

/// <summary>
/// The failure-risk network answered in managed code must match TorchSharp's forward pass of the
/// same saved weights, for the probability and for every driver perturbation.
/// </summary>
public sealed class DenseNetworkEvaluatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-mlp-").FullName;

    public void Dispose() => TempFolders.TryDelete(_folder);

    [Fact]
    public void PredictProbabilities_TrainedNetwork_MatchTorchSharpForwardPass()
    {
        var builds = PredictorTestData.RealBuilds();
        var network = (MlpFailureRiskModel)FailureRiskTrainer.Train(builds, new FailureRiskTrainingOptions { MaxEpochs = 4, Patience = 2, ChallengerTrees = 10 }).Network;
        network.Save(_folder);
        var loaded = (MlpFailureRiskModel)FailureRiskModel.Load(_folder, new ModelVersionId(PredictorKind.FailureRisk, 1), "test");
        var torch = FailureRiskNetwork.Create(loaded.Inputs.Count);
        torch.load(Path.Combine(_folder, MlpFailureRiskModel.NetworkFile));
        torch.eval();
        var rows = builds.Select(b => BuildFeatureVector.ToVector(b.Features)).ToList();
        IReadOnlyList<double> ViaTorch(IReadOnlyList<float[]> batch) =>
            FailureRiskNetwork.Probabilities(torch, [.. batch.Select(loaded.Calibration.Scaler!.Transform)], loaded.Inputs.Count);

        var expected = ViaTorch([.. rows.Select(loaded.Inputs.Select)]);
        var actual = loaded.PredictProbabilities(rows);

        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) <= 1e-5), $"largest difference {expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second))}");
        Assert.True(expected.Max() - expected.Min() > 0.01, "the network should answer differently for different builds");
        foreach (var build in builds.Skip(550))
        {
            var vector = loaded.Inputs.ToVector(build.Features);
            var expectedDrivers = DriverExplainer.Explain(vector, loaded.Calibration.Medians, loaded.Inputs.Names, ViaTorch);

            var prediction = loaded.Predict(build.Features);

            Assert.Equal(ViaTorch([vector])[0], prediction.FailureProbability, 1e-5);
            Assert.Equal(expectedDrivers.Count, prediction.Drivers.Count);
            Assert.All(prediction.Drivers, d => Assert.Equal(expectedDrivers.Single(e => e.Feature == d.Feature).Contribution, d.Contribution, 1e-5));
        }
    }
}
