using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Drift;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Predictors.BuildTime;
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
        services.AddDriftReferenceProfiles();
        services.TryAddSingleton<DriftReferencePublisher>();
        services.TryAddSingleton<PredictorTraining>();
        services.TryAddSingleton<IServedModelProvider, RegistryServedModelProvider>();
        services.TryAddSingleton<MedianDurationEstimator>();

        // CI runs are drawn against the build-time model once predictors are served, whichever
        // feature registered first.
        services.Replace(ServiceDescriptor.Singleton<IBuildDurationEstimator, BuildTimeModelDurationEstimator>());
        services.TryAddSingleton<StartupWork>();
        services.AddValidatedOptions<PredictorsOptions, PredictorsOptionsValidator>(PredictorsOptions.Section);
        services.AddHostedService<DefaultModelsService>();
        return services;
    }
}
