using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Core.Predictors.Serving;

/// <summary>
/// The loaded models the prediction API answers with. A member is null while no version of that
/// predictor exists yet (e.g. the sandbox's default models are still training).
/// </summary>
public sealed record ServedModels(
    IBuildTimePredictor? BuildTime,
    IFailureRiskPredictor? FailureRisk,
    ITestSelectionPredictor? TestSelection);

/// <summary>
/// Hands out loaded models: the current ones (each predictor's champion) or a given version.
/// Loading happens once per version; callers may hold the returned predictors.
/// </summary>
public interface IServedModelProvider
{
    ValueTask<ServedModels> GetCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>The predictor for <paramref name="version"/>, or null when the registry has no such version.</summary>
    ValueTask<IPredictor?> GetVersionAsync(ModelVersionId version, CancellationToken cancellationToken = default);
}
