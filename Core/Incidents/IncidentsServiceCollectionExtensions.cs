using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Llm;
using MlOpsDashboard.Core.Incidents.Redaction;
using MlOpsDashboard.Core.Incidents.Rules;

namespace MlOpsDashboard.Core.Incidents;

public static class IncidentsServiceCollectionExtensions
{
    /// <summary>Redaction and the analysts: all the offline `analyze` command needs (no database, no cluster).</summary>
    public static IServiceCollection AddIncidentAnalysis(this IServiceCollection services)
    {
        services.AddValidatedOptions<IncidentsOptions, IncidentsOptionsValidator>(IncidentsOptions.Section);
        services.AddValidatedOptions<LlmOptions, LlmOptionsValidator>(LlmOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(LlmChatClientFactory.HttpClientName);
        services.TryAddSingleton<Redactor>();
        services.TryAddSingleton<RulesAnalyst>();
        services.TryAddSingleton<LlmChatClientFactory>();
        services.TryAddSingleton<LlmAnalyst>();
        services.TryAddSingleton<IncidentAnalyzer>();
        return services;
    }
}
