using System.Net;
using System.Net.Http.Json;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Applications;

/// <summary>The applications API over the real app with the sandbox cluster: roles, errors, and a sync Argo CD carries out.</summary>
public sealed class ApplicationsApiTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Cluster:Mode"] = "Sandbox",
        ["Sandbox:PollIntervalSeconds"] = "30",
        ["Sandbox:TickSeconds"] = "0.25",
    });

    private ClusterState State => _app.Services.GetRequiredService<ClusterState>();

    public async Task InitializeAsync()
    {
        _app.CreateClient();
        await _app.Services.GetRequiredService<SandboxPlatform>().Started.WaitAsync(TimeSpan.FromSeconds(30));
        await _app.Services.GetRequiredService<AccountService>().CreateAsync("vera", Roles.Viewer, "viewer-password-0123", CancellationToken.None);
        await EventuallyAsync(() => State.Current.Application("grafana")?.OperationState is not null, "grafana synced once");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Sync_Viewer_Forbidden()
    {
        using var client = await SignedInClient.CreateAsync(_app, "vera", "viewer-password-0123");

        var sync = await client.PostAsync("/api/v1/applications/grafana/sync", null);
        var refresh = await client.PostAsync("/api/v1/applications/grafana/refresh", null);
        var list = await client.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/v1/applications");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (sync.StatusCode, refresh.StatusCode));
        Assert.Contains(list!, a => a["name"].ToString() == "model-serving-production");
    }

    [Fact]
    public async Task Sync_Admin_ArgoRecordsTheUsersOperation()
    {
        using var client = await SignedInClient.CreateAsync(_app, "admin", DashboardAppFactory.AdminPassword);
        var before = State.Current.Application("grafana")!.History.Length;

        var response = await client.PostAsync("/api/v1/applications/grafana/sync", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await EventuallyAsync(() => State.Current.Application("grafana")!.OperationState?.InitiatedBy == "admin", "the sync initiated by admin");
        var app = State.Current.Application("grafana")!;
        Assert.Equal(("Succeeded", false), (app.OperationState!.Phase, app.OperationPending));
        Assert.Equal(before + 1, app.History.Length);
    }

    [Fact]
    public async Task Refresh_UnknownApplication_ProblemDetails404()
    {
        using var client = await SignedInClient.CreateAsync(_app, "admin", DashboardAppFactory.AdminPassword);

        var response = await client.PostAsync("/api/v1/applications/no-such-app/refresh", null);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-app", problem!["detail"].ToString());
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
