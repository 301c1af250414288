using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Drift.Investigation;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Incidents.Actions;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Analyses;

/// <summary>A CI failure's report on the Analyses page: what changed since the last green run is part of it; there is nothing to roll back.</summary>
public sealed class CiReportOnAnalysesPageTests : BunitTestContext
{
    private readonly TestDatabase _database = new();

    public CiReportOnAnalysesPageTests()
    {
        Services.AddSingleton(new AnalysisStore(_database));
        Services.AddSingleton(new GitHubReportPublisher(Options.Create(new GitHubOptions())));
        Services.AddSingleton(new ReportRollback(new ClusterState(configured: true, TimeProvider.System), new DriftHistory(_database),
            new ReferenceProfileStore(_database), Options.Create(new PredictionApiOptions())));
    }

    [Fact]
    public async Task CiReport_Selected_ShowsTheCommitsAndFilesSinceGreenAndNoRollBack()
    {
        AuthorizeAs(Roles.Operator);
        var report = new AnalysisReport
        {
            Domain = IncidentDomain.Ci,
            Summary = "Most likely: Tests fail (85%).",
            RootCauses = [new RootCause { Category = "ci-test-failure", Title = "Tests fail", Likelihood = 0.85, Evidence = ["Log: Failed!"], Remediation = "Run the failing tests locally." }],
            ChangesSinceLastGreen = new CiChangeSet
            {
                Base = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
                Head = "f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180",
                Url = "https://github.com/octo-org/mlops-platform/compare/a1b2c3d...f9e8d7c",
                Commits = [new IncidentCommit { Sha = "f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180", Author = "mchen", Message = "Promotion: read the tag <b>after</b> a rebase" }],
                TotalCommits = 1,
                Files = [new CiFileChange { Path = "Dashboard.Tests/Delivery/PromotionServiceTests.cs", Status = "modified", Additions = 12, Deletions = 2 }],
                TotalFiles = 1,
            },
            GeneratedAt = DateTimeOffset.UtcNow,
        };
        var stored = await Services.GetRequiredService<AnalysisStore>().SaveAsync(report, "ci", "CI run 1002 (CI #12 on main)", "CI #12", CancellationToken.None, "ci-run:1002");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/analyses?id={stored.Id}");

        var page = Render<Components.Pages.Analyses.Analyses>();

        page.WaitForAssertion(() => Assert.Contains("What changed since the last green run", page.Find("[data-testid=analysis-detail]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var markdown = page.Find("[data-testid=markdown-view]");
        Assert.Contains("Dashboard.Tests/Delivery/PromotionServiceTests.cs", markdown.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("modified +12 -2", markdown.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        // The commit message is text, not markup.
        Assert.Contains("read the tag <b>after</b> a rebase", markdown.TextContent, StringComparison.Ordinal);
        Assert.Empty(markdown.QuerySelectorAll("b"));
        Assert.Equal(report.ChangesSinceLastGreen.Url, markdown.QuerySelectorAll("a").Single(a => a.TextContent == "Compare on GitHub").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=rollback-action]"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _database.Dispose();
    }
}
