using BenchmarkDotNet.Attributes;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Bench.Predictions;

/// <summary>
/// Model compute behind the prediction API, with the real predictors of Core/Predictors trained in
/// the set-up on the shared real CI data (BuildFast builds, a RETECS test-verdict file):
/// one build-time prediction (ML.NET FastTree), one failure-risk prediction with the TorchSharp MLP
/// (the network, whichever wins champion), and ranking 2,000 real test cases.
/// Goals (issue 7): ≤ 10 µs, ≤ 50 µs, ≤ 2 ms.
/// Run: dotnet run -c Release --project bench -- --filter '*PredictorComputeBench*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PredictorComputeBench
{
    private static readonly string Datasets = Environment.GetEnvironmentVariable("BENCH_DATASETS") ?? "/work/shared/datasets";

    private BuildTimeModel _buildTime = null!;
    private FailureRiskModel _network = null!;
    private TestSelectionModel _testSelection = null!;
    private BuildFeatures _build = null!;
    private TestSelectionRequest _twoThousandTests = null!;

    [GlobalSetup]
    public void Train()
    {
        var builds = BuildFastImporter.ReadFolder(Path.Combine(Datasets, "buildfast"))
            .GroupBy(b => b.Project).SelectMany(g => g.OrderBy(b => b.Order).Take(400)).ToList();
        _buildTime = BuildTimeTrainer.Train(builds, new BuildTimeTrainingOptions());
        _network = FailureRiskTrainer.Train(builds, new FailureRiskTrainingOptions { MaxEpochs = 20 }).Network;
        _build = builds[^1].Features;
        var verdicts = TestVerdictImporter.ReadFile(Path.Combine(Datasets, "test-prioritisation", "iofrol.csv"));
        _testSelection = TestSelectionModel.Train([.. verdicts.Take(20_000)], new TestSelectionTrainingOptions());
        _twoThousandTests = new TestSelectionRequest([.. verdicts.Skip(20_000).Take(2_000).Select(v => v.Features)], ProbabilityThreshold: 0.2);
        if (_twoThousandTests.Tests.Count != 2_000)
        {
            throw new InvalidOperationException($"iofrol.csv has only {verdicts.Count} verdicts; 22,000 are needed.");
        }
    }

    [Benchmark]
    public double BuildTimePredict() => _buildTime.Predict(_build).Seconds;

    [Benchmark]
    public double FailureRiskMlpPredict() => _network.Predict(_build).FailureProbability;

    [Benchmark]
    public int RankTwoThousandTests() => _testSelection.Select(_twoThousandTests).Ranked.Count;
}
