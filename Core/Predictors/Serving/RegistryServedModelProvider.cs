using System.Collections.Concurrent;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Core.Predictors.Serving;

/// <summary>
/// Serves each predictor's champion (or, before any champion exists, its newest version) from
/// the registry; a loaded version stays in memory, so answering is a lookup after the first call.
/// </summary>
public sealed class RegistryServedModelProvider(ModelRegistry registry) : IServedModelProvider
{
    private readonly ConcurrentDictionary<ModelVersionId, Lazy<Task<IPredictor>>> _loaded = new();

    public async ValueTask<ServedModels> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        var versions = await registry.ListAsync(cancellationToken: cancellationToken);
        async Task<T?> Current<T>(PredictorKind kind) where T : class, IPredictor
        {
            var ofKind = versions.Where(v => v.Id.Kind == kind).ToList();
            var chosen = ofKind.FirstOrDefault(v => v.Aliases.Contains(ModelAlias.Champion)) ?? ofKind.MaxBy(v => v.Id.Number);
            return chosen is null ? null : (T)await LoadAsync(chosen);
        }
        return new ServedModels(
            await Current<IBuildTimePredictor>(PredictorKind.BuildTime),
            await Current<IFailureRiskPredictor>(PredictorKind.FailureRisk),
            await Current<ITestSelectionPredictor>(PredictorKind.TestSelection));
    }

    public async ValueTask<IPredictor?> GetVersionAsync(ModelVersionId version, CancellationToken cancellationToken = default)
    {
        var registered = await registry.GetAsync(version, cancellationToken);
        return registered is null ? null : await LoadAsync(registered);
    }

    private Task<IPredictor> LoadAsync(ModelVersion version)
    {
        var lazy = _loaded.GetOrAdd(version.Id, _ => new Lazy<Task<IPredictor>>(() => Task.Run(() => ModelLoader.Load(version))));
        if (lazy.Value.IsFaulted)
        {
            // A failed load (files being written, a disk hiccup) is retried on the next call.
            _loaded.TryRemove(new KeyValuePair<ModelVersionId, Lazy<Task<IPredictor>>>(version.Id, lazy));
        }
        return lazy.Value;
    }
}
