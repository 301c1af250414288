using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Connections;
using MlOpsDashboard.Core.Delivery;
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
    .AddDelivery()
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
app.MapDeliveryApi();
app.MapDashboardUi();

return await app.RunReportingConfigurationErrorsAsync();
