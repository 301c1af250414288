using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Connections;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Dashboard.Api;
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
    .AddConnectionChecks()
    .AddPipelines()
    .AddFailureRiskRuntime()
    .AddDashboardSecurity(builder.Configuration)
    .AddOperations()
    .AddDashboardUi();

var app = builder.Build();

app.UseDashboardPipeline();
app.MapOperations();
app.MapAccountEndpoints();
app.MapConnectionsApi();
app.MapDashboardUi();

return await app.RunReportingConfigurationErrorsAsync();
