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

// Command-line tools (continuous training, offline analysis) never start the web host.
if (PredictorCli.IsCommand(args))
{
    return await PredictorCli.RunAsync(args, Console.Out, Console.Error);
}
if (args is [AnalyzeCommand.Name, ..])
{
    return await AnalyzeCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
using MlOpsDashboard.Dashboard.Cli;
using MlOpsDashboard.Dashboard.Hosting;

if (HealthCheckCommand.Matches(args))
{
    return await HealthCheckCommand.RunAsync(args, Console.Out);
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
