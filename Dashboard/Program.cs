using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Connections;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Core.Predictors;
using MlOpsDashboard.Dashboard.Api;
using MlOpsDashboard.Dashboard.Api.Predictions;
using MlOpsDashboard.Dashboard.Cli;
using MlOpsDashboard.Dashboard.Hosting;

// `train` / `evaluate` are command-line tools for continuous training; they never start the web host.
if (PredictorCli.IsCommand(args))
{
    return await PredictorCli.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddStorage()
    .AddAccounts()
    .AddSandbox()
    .AddPredictors()
    .AddConnectionChecks()
    .AddDashboardSecurity(builder.Configuration)
    .AddOperations()
    .AddPredictionApi()
    .AddDashboardUi();

var app = builder.Build();

app.UseDashboardPipeline();
app.MapOperations();
app.MapAccountEndpoints();
app.MapConnectionsApi();
app.MapPredictionEndpoints();
app.MapDashboardUi();

return await app.RunReportingConfigurationErrorsAsync();
