using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

public static class PredictionApiRegistration
{
    /// <summary>The prediction API: serving (Core), API-key authentication, its policy and metrics.</summary>
    public static IServiceCollection AddPredictionApi(this IServiceCollection services)
    {
        services.AddPredictionServing();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, PredictionApiKeyAuthentication>(PredictionApiKeyAuthentication.SchemeName, null);
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(PredictionApiKeyAuthentication.Policy, PredictionApiKeyAuthentication.BuildPolicy()));
        services.TryAddSingleton<PredictionRequestReader>();
        services.TryAddSingleton<PredictionMetrics>();
        services.TryAddSingleton<PredictionHandling>();
        return services;
    }
}
