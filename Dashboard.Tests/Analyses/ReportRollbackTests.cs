using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Drift.Investigation;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Incidents.Actions;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Dashboard.Components.Pages.Analyses;
using MlOpsDashboard.Dashboard.Tests.Cluster;
using MlOpsDashboard.Dashboard.Tests.Drift;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Analyses;

/// <summary>
/// A report's "Roll back…": which reports offer it and where it leads (the Delivery page's rollback
/// form of the report's Argo CD application; for drift, model serving's with the version before
/// drift began), over a hand-made cluster and the drift app's real stored drift results.
/// </summary>
[Collection(DriftAppCollection.Name)]
public sealed class ReportRollbackTests : BunitTestContext
{
    private readonly DriftAppFixture _fixture;

    public ReportRollbackTests(DriftAppFixture fixture)
    {
        _fixture = fixture;
        var cluster = ClusterFixtures.State(
            ClusterFixtures.Application("grafana", ns: "grafana"),
            ClusterFixtures.Application("prometheus", ns: "monitoring"),
            ClusterFixtures.Application("model-serving-production", ns: "model-serving", resources: [("Deployment", "model-serving", 4)]),
            ClusterFixtures.Application("team-a", ns: "shared"),
            ClusterFixtures.Application("team-b", ns: "shared"),
            ClusterFixtures.Pod("model-serving", "model-serving-7d9f-abcde", "wsl-worker", workload: "model-serving"));
        var app = fixture.App.Services;
        Services.AddSingleton(new ReportRollback(cluster, app.GetRequiredService<DriftHistory>(), app.GetRequiredService<IReferenceProfileStore>(), app.GetRequiredService<IOptions<PredictionApiOptions>>()));
    }

    public static TheoryData<string?, string?, string> Offered => new()
    {
        { "application:grafana", "grafana", "/delivery/grafana" },
        // A pod: the application whose Deployment owns it.
        { "pod:model-serving/model-serving-7d9f-abcde", "model-serving", "/delivery/model-serving-production" },
        // An alert naming the Deployment (its deployment label) or only the namespace.
        { "alert:5", "model-serving", "/delivery/model-serving-production" },
        { "alert:6", "monitoring", "/delivery/prometheus" },
        // A captured incident posted to the API, about an application this cluster has.
        { null, "grafana", "/delivery/grafana" },
    };

    [Theory]
    [MemberData(nameof(Offered))]
    public void OperatorReportAboutAKnownApplication_OffersRollBackToItsDeliveryPage(string? subject, string? application, string href)
    {
        AuthorizeAs(Roles.Operator);

        var action = Render<RollbackAction>(p => p.Add(a => a.Analysis, Report(IncidentDomain.Alert, subject, application)));

        var button = action.Find("[data-testid=report-rollback]");
        Assert.Equal(href, button.GetAttribute("href"));
        Assert.False(button.HasAttribute("disabled"));
        Assert.Contains("Roll back…", button.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<IncidentDomain, string?, string?> NotOffered => new()
    {
        { IncidentDomain.Alert, "application:unknown-app", "unknown-app" },
        // A pod that is gone, in a namespace two applications deploy to: which one is not known.
        { IncidentDomain.Alert, "pod:shared/worker-1", "shared" },
        { IncidentDomain.Alert, null, null },
        { IncidentDomain.Ci, "ci-run:42", "CI #12" },
        // Drift of a model with no stored drift results: no version to go back to.
        { IncidentDomain.Drift, "drift:no-such-model", "no-such-model" },
    };

    [Theory]
    [MemberData(nameof(NotOffered))]
    public void ReportWithoutAKnownApplicationOrVersion_NoRollBack(IncidentDomain domain, string? subject, string? application)
    {
        AuthorizeAs(Roles.Operator);

        var action = Render<RollbackAction>(p => p.Add(a => a.Analysis, Report(domain, subject, application)));

        Assert.Empty(action.FindAll("[data-testid=rollback-action]"));
    }

    [Fact]
    public void Viewer_SeesTheActionDisabledWithoutALink()
    {
        AuthorizeAs(Roles.Viewer);

        var action = Render<RollbackAction>(p => p.Add(a => a.Analysis, Report(IncidentDomain.Alert, "application:grafana", "grafana")));

        var button = action.Find("[data-testid=report-rollback]");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Null(button.GetAttribute("href"));
        Assert.Contains("(operator)", button.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriftReport_OnTheAnalysesPage_LinksModelServingWithTheVersionBeforeDriftPreselected()
    {
        var app = _fixture.App.Services;
        Services.AddSingleton(app.GetRequiredService<AnalysisStore>());
        Services.AddSingleton(app.GetRequiredService<GitHubReportPublisher>());
        Services.AddSingleton(app.GetRequiredService<ModelRetraining>());
        AuthorizeAs(Roles.Operator);
        var stored = await app.GetRequiredService<SubjectAnalyzer>().AnalyzeAsync(AnalysisSubject.Drift(DriftScenario.Model), "button", CancellationToken.None);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/analyses?id={stored.Id}");

        var page = Render<Components.Pages.Analyses.Analyses>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=report-rollback]")), TimeSpan.FromSeconds(30));
        var serving = app.GetRequiredService<IOptions<PredictionApiOptions>>().Value.Serving.Application;
        // The link the Drift page's own rollback button gives for the same drift.
        Assert.Equal(DriftRollback.Href(serving, DriftScenario.PreviousVersion), page.Find("[data-testid=report-rollback]").GetAttribute("href"));
        Assert.Equal($"/delivery/model-serving-production?modelVersion={DriftScenario.PreviousVersion}", page.Find("[data-testid=report-rollback]").GetAttribute("href"));
        Assert.Equal(serving, page.Find("[data-testid=rollback-action]").GetAttribute("data-application"));
        Assert.NotEmpty(page.FindAll("[data-testid=retrain]"));
    }

    private static StoredAnalysis Report(IncidentDomain domain, string? subject, string? application) =>
        new(7, DateTimeOffset.UtcNow, "button", "someone", application, new AnalysisReport { Domain = domain, Summary = "s", GeneratedAt = DateTimeOffset.UtcNow }) { Subject = subject };
}
