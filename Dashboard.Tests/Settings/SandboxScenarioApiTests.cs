using System.Net;
using System.Net.Http.Json;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Sandbox.Platform;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Settings;

public sealed class SandboxScenarioApiTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _factory = new(new Dictionary<string, string?> { ["Cluster:Mode"] = "Sandbox" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Trigger_AsOperator_ActivatesTheScenarioAndClearEndsIt()
    {
        var client = await SignedInClient.CreateWithRoleAsync(_factory, Roles.Operator);
        var scenarios = _factory.Services.GetRequiredService<SandboxScenarios>();

        var triggered = await client.PostAsync("/api/v1/sandbox/scenarios/crashloop", null);
        Assert.Equal(HttpStatusCode.NoContent, triggered.StatusCode);
        Assert.True(scenarios.IsActive(SandboxScenario.CrashLoop));
        var listed = await client.GetFromJsonAsync<List<ScenarioRow>>("/api/v1/sandbox/scenarios");
        Assert.NotNull(listed!.Single(s => s.Name == "CrashLoop").ActiveSince);

        var cleared = await client.DeleteAsync("/api/v1/sandbox/scenarios/CrashLoop");
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.False(scenarios.IsActive(SandboxScenario.CrashLoop));
    }

    [Fact]
    public async Task Trigger_AsViewer_IsForbiddenAndChangesNothing()
    {
        var client = await SignedInClient.CreateWithRoleAsync(_factory, Roles.Viewer);

        var response = await client.PostAsync("/api/v1/sandbox/scenarios/OomKilled", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_factory.Services.GetRequiredService<SandboxScenarios>().Active);
    }

    [Fact]
    public async Task Trigger_UnknownScenario_Returns404ProblemListingTheKnownOnes()
    {
        var client = await SignedInClient.CreateWithRoleAsync(_factory, Roles.Operator);

        var response = await client.PostAsync("/api/v1/sandbox/scenarios/meteor-strike", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("NodeNotReady", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed record ScenarioRow(string Name, string Title, DateTimeOffset? ActiveSince);
}

public sealed class SandboxScenarioApiWithoutSandboxTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Trigger_OnRealCluster_Returns409AndActivatesNothing()
    {
        var client = await SignedInClient.CreateWithRoleAsync(_factory, Roles.Admin);

        var response = await client.PostAsync("/api/v1/sandbox/scenarios/CrashLoop", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Cluster:Mode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_factory.Services.GetRequiredService<SandboxScenarios>().Active);
    }
}
