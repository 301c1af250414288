using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Connections;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Core.Incidents;
using MlOpsDashboard.Dashboard.Api;
using MlOpsDashboard.Dashboard.Cli;
using MlOpsDashboard.Dashboard.Hosting;

if (args is [AnalyzeCommand.Name, ..])
{
    return await AnalyzeCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddStorage()
    .AddAccounts()
    .AddSandbox()
    .AddConnectionChecks()
    .AddDashboardSecurity(builder.Configuration)
    .AddOperations()
    .AddIncidents()
    .AddDashboardUi();

var app = builder.Build();

app.UseDashboardPipeline();
app.MapOperations();
app.MapAccountEndpoints();
app.MapConnectionsApi();
app.MapAnalysesApi();
app.MapAlertsWebhook();
app.MapDashboardUi();

return await app.RunReportingConfigurationErrorsAsync();
