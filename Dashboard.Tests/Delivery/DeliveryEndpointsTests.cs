using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Delivery.Promotion;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

/// <summary>The delivery API over the real app, on a real bare repository given as Manifests:Repository.</summary>
public sealed class DeliveryEndpointsTests : IAsyncLifetime
{
    private const string Base = "/api/v1/delivery/applications/model-serving-production";
    private readonly ManifestRemote _remote = new();
    private DashboardAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = new DashboardAppFactory(new Dictionary<string, string?> { ["Manifests:Repository"] = _remote.BarePath });
        var accounts = _app.Services.GetRequiredService<AccountService>();
        _app.CreateClient();
        await accounts.CreateAsync("vera", Roles.Viewer, "viewer-password-0123", default);
        await accounts.CreateAsync("otto", Roles.Operator, "operator-password-0123", default);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _remote.Dispose();
    }

    [Fact]
    public async Task Viewer_ReadsButCannotPlanPromoteOrRollBack_403ProblemDetails()
    {
        using var viewer = await SignedInClient.CreateAsync(_app, "vera", "viewer-password-0123");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(Base)).StatusCode);
        foreach (var path in new[] { $"{Base}/promotions/plan", $"{Base}/promotions", $"{Base}/rollbacks/plan", $"{Base}/rollbacks" })
        {
            var response = await viewer.PostAsJsonAsync(path, new { imageTag = "1.4.0" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Forbidden", await response.Content.ReadAsStringAsync());
        }
        Assert.Empty(_remote.BranchUpdates());
    }

    [Fact]
    public async Task Operator_PlanThenConfirm_CommitLandsAndAuditCsvShowsIt()
    {
        using var operatorClient = await SignedInClient.CreateAsync(_app, "otto", "operator-password-0123");

        var planResponse = await operatorClient.PostAsJsonAsync($"{Base}/promotions/plan", new { imageTag = "1.4.0", modelVersion = "12" });
        Assert.Equal(HttpStatusCode.OK, planResponse.StatusCode);
        var plan = (await planResponse.Content.ReadFromJsonAsync<PromotionPlan>())!;
        Assert.Contains("+    newTag: 1.4.0", plan.Diff);

        var confirm = await operatorClient.PostAsJsonAsync($"{Base}/promotions", new { plan, reason = "staging soaked, \"no alerts\"" });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var sha = JsonDocument.Parse(await confirm.Content.ReadAsStringAsync()).RootElement.GetProperty("commitSha").GetString();
        Assert.Equal(_remote.Tip(), sha);

        var again = await operatorClient.PostAsJsonAsync($"{Base}/promotions", new { plan, reason = "double click" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("when you previewed", problem.GetProperty("detail").GetString());
        Assert.Equal(sha, problem.GetProperty("changedBy")[0].GetProperty("sha").GetString());

        var csv = await operatorClient.GetAsync("/api/v1/audit/export.csv?application=model-serving-production&outcome=Committed");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains($",otto,operator,Promote,model-serving-production,", lines[1]);
        Assert.Contains("\"staging soaked, \"\"no alerts\"\"\"", lines[1]);
        Assert.Contains(sha!, lines[1]);
    }

    [Fact]
    public async Task Operator_BadRequestOrMissingReason_400ProblemDetails()
    {
        using var operatorClient = await SignedInClient.CreateAsync(_app, "otto", "operator-password-0123");

        var badTag = await operatorClient.PostAsJsonAsync($"{Base}/promotions/plan", new { imageTag = "1.4.0 && curl" });
        var plan = await (await operatorClient.PostAsJsonAsync($"{Base}/promotions/plan", new { imageTag = "1.4.0" })).Content.ReadFromJsonAsync<PromotionPlan>();
        var noReason = await operatorClient.PostAsJsonAsync($"{Base}/promotions", new { plan, reason = "" });
        var unknown = await operatorClient.PostAsJsonAsync("/api/v1/delivery/applications/nope/rollbacks/plan", new { revision = "" });

        Assert.Equal(HttpStatusCode.BadRequest, badTag.StatusCode);
        Assert.Contains("not a valid image tag", await badTag.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason is required", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Empty(_remote.BranchUpdates());
    }
}
