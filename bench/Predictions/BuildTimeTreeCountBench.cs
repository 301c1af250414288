using BenchmarkDotNet.Attributes;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;

namespace MlOpsDashboard.Bench.Predictions;

/// <summary>
/// One build-time answer (what the API calls: prediction, interval, drivers, recommendations) from
/// the trainer's default tree count beside the 300 trees it used before validation chose 50, on the
/// same builds as <see cref="PredictorComputeBench"/>: the ratio between the two rows is what the
/// smaller ensemble saves per request.
/// Run: dotnet run -c Release --project bench -- --filter '*BuildTimeTreeCountBench*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class BuildTimeTreeCountBench
{
    private BuildTimeModel _model = null!;
    private BuildFeatures _build = null!;

    [Params(50, 300)]
    public int Trees { get; set; }

    [GlobalSetup]
    public void Train()
    {
        var builds = PredictorComputeBench.Builds();
        _model = BuildTimeTrainer.Train(builds, new BuildTimeTrainingOptions { Trees = Trees });
        _build = builds[^1].Features;
    }

    [Benchmark]
    public double BuildTimePredict() => _model.Predict(_build).Seconds;
}
