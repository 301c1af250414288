using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Connections;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Drift;
using MlOpsDashboard.Core.Incidents;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Predictors;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Dashboard.Api;
using MlOpsDashboard.Dashboard.Api.Predictions;
using MlOpsDashboard.Dashboard.Cli;
using MlOpsDashboard.Dashboard.Hosting;

if (await CommandLine.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddStorage()
    .AddAccounts()
    .AddSandbox()
    .AddCluster()
    .AddPredictors()
    .AddConnectionChecks()
    .AddDelivery()
    .AddDrift()
    .AddPipelines()
    .AddFailureRiskRuntime()
    .AddDashboardSecurity(builder.Configuration)
    .AddOperations()
    .AddPredictionApi()
    .AddIncidents()
    .AddDashboardUi();

var app = builder.Build();

app.UseDashboardPipeline();
app.MapOperations();
app.MapAccountEndpoints();
app.MapConnectionsApi();
app.MapSandboxScenarioApi();
app.MapApplicationsApi();
app.MapDeliveryApi();
app.MapPredictionEndpoints();
app.MapAnalysesApi();
app.MapAlertsWebhook();
app.MapDashboardUi();

return await app.RunReportingConfigurationErrorsAsync();
