using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Core.Predictors;

public static class PredictorsServiceCollectionExtensions
{
    public static IServiceCollection AddPredictors(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelRegistry>();
        services.TryAddSingleton<DriftReferencePublisher>();
        services.TryAddSingleton<PredictorTraining>();
        services.TryAddSingleton<IServedModelProvider, RegistryServedModelProvider>();
        return services;
    }
}
