using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Connections;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Dashboard.Api;
using MlOpsDashboard.Dashboard.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddStorage()
    .AddAccounts()
    .AddSandbox()
    .AddCluster()
    .AddConnectionChecks()
    .AddDashboardSecurity(builder.Configuration)
    .AddOperations()
    .AddDashboardUi();

var app = builder.Build();

app.UseDashboardPipeline();
app.MapOperations();
app.MapAccountEndpoints();
app.MapConnectionsApi();
app.MapSandboxScenarioApi();
app.MapApplicationsApi();
app.MapDashboardUi();

return await app.RunReportingConfigurationErrorsAsync();
