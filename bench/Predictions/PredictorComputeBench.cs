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
/// one build-time prediction (ML.NET FastTree, answered by walking its trees), one failure-risk
/// prediction with the MLP (trained with TorchSharp, answered from a managed copy of its weights;
/// the network, whichever wins champion), and ranking 2,000 real test cases as one batch.
/// The *Predict benchmarks call what the API calls (prediction plus drivers and recommendations);
/// the *ScoreOnly ones the bare model. Goals (issue 7): ≤ 10 µs, ≤ 50 µs, ≤ 2 ms.
/// Run: dotnet run -c Release --project bench -- --filter '*PredictorComputeBench*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class PredictorComputeBench
{
    private static readonly string Datasets = Environment.GetEnvironmentVariable("BENCH_DATASETS") ?? "/work/shared/datasets";

    private BuildTimeModel _buildTime = null!;
    private FailureRiskModel _network = null!;
    private TestSelectionModel _testSelection = null!;
    private BuildFeatures _build = null!;
    private float[] _vector = null!;
    private TestSelectionRequest _twoThousandTests = null!;

    [GlobalSetup]
    public void Train()
    {
        var builds = Builds();
        _buildTime = BuildTimeTrainer.Train(builds, new BuildTimeTrainingOptions());
        _network = FailureRiskTrainer.Train(builds, new FailureRiskTrainingOptions { MaxEpochs = 20 }).Network;
        _build = builds[^1].Features;
        _vector = BuildFeatureVector.ToVector(_build);
        var verdicts = TestVerdictImporter.ReadFile(Path.Combine(Datasets, "test-prioritisation", "iofrol.csv"));
        _testSelection = TestSelectionModel.Train([.. verdicts.Take(20_000)], new TestSelectionTrainingOptions());
        _twoThousandTests = new TestSelectionRequest([.. verdicts.Skip(20_000).Take(2_000).Select(v => v.Features)], ProbabilityThreshold: 0.2);
        if (_twoThousandTests.Tests.Count != 2_000)
        {
            throw new InvalidOperationException($"iofrol.csv has only {verdicts.Count} verdicts; 22,000 are needed.");
        }
    }

    /// <summary>The first 400 builds of each BuildFast project.</summary>
    internal static List<BuildExample> Builds() =>
        BuildFastImporter.ReadFolder(Path.Combine(Datasets, "buildfast"))
            .GroupBy(b => b.Project).SelectMany(g => g.OrderBy(b => b.Order).Take(400)).ToList();

    [Benchmark]
    public double BuildTimePredict() => _buildTime.Predict(_build).Seconds;

    [Benchmark]
    public double FailureRiskMlpPredict() => _network.Predict(_build).FailureProbability;

    /// <summary>The model's score alone (no interval, drivers or recommendations): separates the tree walk from the explanation.</summary>
    [Benchmark]
    public double BuildTimeScoreOnly() => _buildTime.PredictBatch([_vector])[0];

    [Benchmark]
    public double FailureRiskMlpScoreOnly() => _network.PredictProbabilities([_vector])[0];

    [Benchmark]
    public int RankTwoThousandTests() => _testSelection.Select(_twoThousandTests).Ranked.Count;
}
