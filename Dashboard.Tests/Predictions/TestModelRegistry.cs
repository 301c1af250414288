using System.Collections.Concurrent;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

/// <summary>An in-memory model registry of test-trained versions, with a champion per predictor.</summary>
public sealed class TestModelRegistry : IServedModelProvider
{
    private readonly ConcurrentDictionary<ModelVersionId, IPredictor> _versions = new();
    private readonly ConcurrentDictionary<PredictorKind, ModelVersionId> _champions = new();

    /// <summary>Trains and registers version <paramref name="number"/> of every predictor, making it champion.</summary>
    public TestModelRegistry AddTrained(int number, bool champion = true)
    {
        Add(TrainedTestModels.TrainBuildTime(number, seed: number), champion);
        Add(TrainedTestModels.TrainFailureRisk(number, seed: number + 100), champion);
        Add(TrainedTestModels.TrainTestSelection(number, seed: number + 200), champion);
        return this;
    }

    public void Add(IPredictor predictor, bool champion)
    {
        _versions[predictor.Version] = predictor;
        if (champion)
        {
            _champions[predictor.Version.Kind] = predictor.Version;
        }
    }

    public ValueTask<ServedModels> GetCurrentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(new ServedModels(
        Champion(PredictorKind.BuildTime) as IBuildTimePredictor,
        Champion(PredictorKind.FailureRisk) as IFailureRiskPredictor,
        Champion(PredictorKind.TestSelection) as ITestSelectionPredictor));

    public ValueTask<IPredictor?> GetVersionAsync(ModelVersionId version, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_versions.GetValueOrDefault(version));

    private IPredictor? Champion(PredictorKind kind) => _champions.TryGetValue(kind, out var id) ? _versions[id] : null;
}
