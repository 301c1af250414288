using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;
using MlOpsDashboard.Core.Predictors.Serving.Traffic;

namespace MlOpsDashboard.Core.Predictors.Serving.Api;

public static class PredictionServingRegistration
{
    /// <summary>
    /// The served version (following GitOps), the prediction log with its writer and live feed,
    /// and the sandbox's traffic generator. The models themselves come from whatever
    /// <see cref="IServedModelProvider"/> the registry registers.
    /// </summary>
    public static IServiceCollection AddPredictionServing(this IServiceCollection services)
    {
        services.AddValidatedOptions<PredictionApiOptions, PredictionApiOptionsValidator>(PredictionApiOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PredictionApiKeys>();
        services.TryAddSingleton<IDeployedVersionReader, KubernetesDeployedVersionReader>();
        services.TryAddSingleton<ServedModelSelector>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ServedModelSelector>());
        services.TryAddSingleton<PredictionFeed>();
        services.TryAddSingleton<PredictionLog.PredictionLog>();
        services.AddHostedService<PredictionLogWriter>();
        services.TryAddSingleton<IPredictionLogReader, PredictionLogReader>();
        // Drift detection reads what was really served (AddDrift's in-process buffer is only a default).
        services.Replace(ServiceDescriptor.Singleton<IServedFeatureSource, PredictionLogServedFeatures>());
        services.TryAddSingleton<PredictionTrafficGenerator>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PredictionTrafficGenerator>());
        return services;
    }
}
