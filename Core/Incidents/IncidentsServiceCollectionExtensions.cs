using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Incidents.Alerts;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Llm;
using MlOpsDashboard.Core.Incidents.Redaction;
using MlOpsDashboard.Core.Incidents.Reports;
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

    /// <summary>Everything: analysis plus stored reports, the alert webhook's intake, context collection and the attention queue.</summary>
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddIncidentAnalysis();
        services.TryAddSingleton<AnalysisStore>();
        services.TryAddSingleton<AnalysisService>();
        services.TryAddSingleton<GitHubReportPublisher>();
        services.TryAddSingleton<Attention.AttentionQueue>();
        // What other features put in the queue: broken applications, failed CI runs, drifting models.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Attention.IAttentionSource, Attention.Sources.ApplicationAttentionSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Attention.IAttentionSource, Attention.Sources.FailedRunAttentionSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Attention.IAttentionSource, Attention.Sources.DriftAttentionSource>());
        services.AddValidatedOptions<PrometheusOptions, PrometheusOptionsValidator>(PrometheusOptions.Section);
        services.AddHttpClient(PrometheusMetricsReader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        services.TryAddSingleton<PrometheusMetricsReader>();
        services.TryAddSingleton<RecentCommitsReader>();
        services.TryAddSingleton<IIncidentContextCollector, KubernetesContextCollector>();
        // Drift and CI context come from the Drift and Pipelines features (AddDrift, AddPipelines).
        services.TryAddSingleton<IDriftContextSource, StoredDriftContextSource>();
        services.TryAddSingleton<ICiFailureSource, PipelineCiFailureSource>();
        services.TryAddSingleton<SubjectAnalyzer>();
        services.TryAddSingleton<AlertIntake>();
        services.TryAddSingleton<AlertAnalysisQueue>();
        services.AddHostedService<AlertAnalysisWorker>();
        // Drift and CI failures analysed as they happen.
        services.TryAddSingleton<Triggers.SubjectAnalysisQueue>();
        services.AddHostedService<Triggers.SubjectAnalysisWorker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Drift.Monitoring.IDriftAttentionSink, Triggers.DriftAnalysisTrigger>());
        services.AddHostedService<Triggers.FailedRunWatcher>();
        // The Retrain action of drift reports (through the Predictors feature's training service, AddPredictors) and the Roll back action of reports (Cluster, Drift).
        services.TryAddSingleton<Actions.RetrainingData>();
        services.TryAddSingleton<Actions.ModelRetraining>();
        services.TryAddSingleton<Actions.ReportRollback>();
        return services;
    }
}
