using System.Net;
using System.Text;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Incidents.Actions;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Dashboard.Components.Pages.Analyses;
using MlOpsDashboard.Dashboard.Tests.Drift;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

/// <summary>
/// Drift analyses over the drift monitor's real stored results (a shifted feature in the latest
/// window, a promote of model serving inside it), through the source, the trigger, the button,
/// the Analyses page and the Retrain action's refusals.
/// </summary>
[Collection(DriftAppCollection.Name)]
public sealed class DriftAnalysisTests(DriftAppFixture fixture) : BunitTestContext
{
    /// <summary>The latest completed window: the scenario shifts its feature there.</summary>
    private DriftWindow FirstDriftedWindow
    {
        get
        {
            var current = DriftWindows.Containing(fixture.Now, DriftScenario.Window);
            return new DriftWindow(current.Start - DriftScenario.Window, current.Start);
        }
    }

    [Fact]
    public async Task DriftSource_StoredResults_NameTheDriftedFeatureSinceWhenAndTheDeployBefore()
    {
        var context = await fixture.App.Services.GetRequiredService<IDriftContextSource>().GetAsync(DriftScenario.Model, null, CancellationToken.None);

        Assert.NotNull(context);
        Assert.Equal(DriftScenario.Version, context.Version);
        var top = context.TopFeatures[0];
        Assert.Equal(DriftScenario.ShiftedFeature, top.Name);
        Assert.True(top.Drifted);
        Assert.All(context.TopFeatures.Skip(1), f => Assert.True(f.Score < top.Score));
        Assert.StartsWith("mean ", top.Baseline, StringComparison.Ordinal);
        Assert.True(context.Score > context.Threshold);
        Assert.Equal(FirstDriftedWindow.Start, context.Since);
        Assert.Equal(1, context.DriftedWindows);
        Assert.Equal(fixture.PromoteSha, context.PrecedingDeploy?.Sha);
        Assert.Equal("Promote failure-risk 11 to production", context.PrecedingDeploy?.Message);
        Assert.Null(await fixture.App.Services.GetRequiredService<IDriftContextSource>().GetAsync("no-such-model", null, CancellationToken.None));
    }

    [Fact]
    public async Task SubjectAnalyzer_Drift_GroundedReportWithFeatureSinceAndDeployAsEvidence()
    {
        var stored = await fixture.App.Services.GetRequiredService<SubjectAnalyzer>().AnalyzeAsync(AnalysisSubject.Drift(DriftScenario.Model), "button", CancellationToken.None);

        var report = stored.Report;
        Assert.Equal("drift-data", report.RootCauses[0].Category);
        Assert.Contains(DriftScenario.ShiftedFeature, report.RootCauses[0].Title, StringComparison.Ordinal);
        var evidence = report.RootCauses[0].Evidence;
        Assert.Contains(evidence, e => e.StartsWith($"Feature {DriftScenario.ShiftedFeature}: score", StringComparison.Ordinal) && e.Contains("(drifted)", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.StartsWith($"Drifting since {FirstDriftedWindow.Start:yyyy-MM-dd HH:mm} UTC", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.StartsWith($"Deploy before drift began: {fixture.PromoteSha[..8]}", StringComparison.Ordinal));
        var deploy = Assert.Single(report.RootCauses, c => c.Category == "drift-after-deploy");
        Assert.Contains(fixture.PromoteSha[..8], deploy.Title, StringComparison.Ordinal);
        Assert.Equal($"drift:{DriftScenario.Model}", stored.Subject);
        Assert.Equal(DriftScenario.Model, stored.Application);
        Assert.Contains(DriftScenario.ShiftedFeature, report.Redaction.SentText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriftMonitor_DriftBegan_AnalysedAutomatically()
    {
        var store = fixture.App.Services.GetRequiredService<AnalysisStore>();
        IReadOnlyList<Core.Incidents.Reports.AnalysisRecord> automatic = [];
        for (var i = 0; i < 150 && automatic.Count == 0; i++)
        {
            automatic = [.. (await store.ListAsync(new AnalysisFilter(Subject: $"drift:{DriftScenario.Model}"), CancellationToken.None)).Where(a => a.Trigger == "drift")];
            await Task.Delay(200);
        }

        var analysis = Assert.Single(automatic);
        Assert.Equal("Drift", analysis.Domain);
        Assert.Equal("drift-data", analysis.TopCause);
        Assert.Equal($"drift of {DriftScenario.Model} {DriftScenario.Version}", analysis.TriggerDetail);
    }

    [Theory]
    [InlineData(Roles.Viewer, true)]
    [InlineData(Roles.Operator, false)]
    public void AnalyzeButton_Role_DisabledForViewers(string role, bool disabled)
    {
        AuthorizeAs(role);

        var button = Render<AnalyzeButton>(p => p.Add(b => b.For, AnalysisSubject.Drift(DriftScenario.Model)).Add(b => b.Label, "Investigate"));

        var element = button.Find("[data-testid=analyze]");
        Assert.Equal(disabled, element.HasAttribute("disabled"));
        Assert.Equal($"drift:{DriftScenario.Model}", element.GetAttribute("data-subject"));
        Assert.Contains("Investigate", element.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeButton_OperatorClicksOnDrift_StoresTheAnalysisAndOpensIt()
    {
        UseAppServices();
        AuthorizeAs(Roles.Operator);
        var navigation = Services.GetRequiredService<NavigationManager>();

        var button = Render<AnalyzeButton>(p => p.Add(b => b.For, AnalysisSubject.Drift(DriftScenario.Model, DriftScenario.Version)));
        button.Find("[data-testid=analyze]").Click();

        button.WaitForAssertion(() => Assert.Contains("/analyses?id=", navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var id = long.Parse(navigation.Uri[(navigation.Uri.IndexOf("id=", StringComparison.Ordinal) + 3)..], System.Globalization.CultureInfo.InvariantCulture);
        var stored = await fixture.App.Services.GetRequiredService<AnalysisStore>().FindAsync(id, CancellationToken.None);
        Assert.Equal(("button", $"drift:{DriftScenario.Model}"), (stored!.Trigger, stored.Subject));
    }

    [Fact]
    public void AnalyzeButton_CiRunWithoutCiConfigured_SaysWhatToConfigureInsteadOfFailing()
    {
        UseAppServices();
        AuthorizeAs(Roles.Operator);

        var button = Render<AnalyzeButton>(p => p.Add(b => b.For, AnalysisSubject.CiRun(424242)).Add(b => b.Compact, true));
        button.Find("[data-testid=analyze]").Click();

        // This app has no cluster and no GitHub:Repository, so there is no CI source to read the run from.
        button.WaitForAssertion(() => Assert.Contains("set GitHub:Repository", button.Find("[data-testid=analyze-error]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AnalysesPage_OpenedFromInvestigate_ListsThisDriftsAnalysesAndOffersRetrain()
    {
        UseAppServices();
        AuthorizeAs(Roles.Operator);
        var stored = await fixture.App.Services.GetRequiredService<SubjectAnalyzer>().AnalyzeAsync(AnalysisSubject.Drift(DriftScenario.Model), "button", CancellationToken.None);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/analyses?drift={DriftScenario.Model}&version={DriftScenario.Version}");

        var page = Render<Components.Pages.Analyses.Analyses>();

        page.WaitForAssertion(() => Assert.Contains($"#{stored.Id}", page.Find("[data-testid=analysis-detail]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal($"drift:{DriftScenario.Model}", page.Find("[data-testid=analysis-subject]").GetAttribute("data-subject"));
        Assert.All(page.FindAll("[data-testid=analyses-table] tbody tr"), row => Assert.Contains("drift", row.TextContent, StringComparison.Ordinal));
        // Without the sandbox or a GitHub repository there is nothing to train on, and the page says so.
        page.Find("[data-testid=retrain]").Click();
        page.WaitForAssertion(() => Assert.Contains("No training data", page.Find("[data-testid=retrain-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetrainApi_Refusals_ProblemDetailsWithTheReason()
    {
        var stored = await fixture.App.Services.GetRequiredService<SubjectAnalyzer>().AnalyzeAsync(AnalysisSubject.Drift(DriftScenario.Model), "button", CancellationToken.None);
        var operatorClient = await IncidentsAppClients.AsAsync(fixture.App, fixture.BaseAddress, Roles.Operator);
        var viewer = await IncidentsAppClients.AsAsync(fixture.App, fixture.BaseAddress, Roles.Viewer);
        var crash = await operatorClient.PostAsync("/api/v1/analyses", new StringContent(await File.ReadAllTextAsync(IncidentSamples.SamplePath("crashloop.json")), Encoding.UTF8, "application/json"));
        var crashId = JsonDocument.Parse(await crash.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        var asViewer = await viewer.PostAsync($"/api/v1/analyses/{stored.Id}/retrain", null);
        var noData = await operatorClient.PostAsync($"/api/v1/analyses/{stored.Id}/retrain", null);
        var notDrift = await operatorClient.PostAsync($"/api/v1/analyses/{crashId}/retrain", null);
        var missing = await operatorClient.PostAsync("/api/v1/analyses/999999/retrain", null);

        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noData.StatusCode);
        Assert.Contains("GitHub:Repository", await noData.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notDrift.StatusCode);
        Assert.Contains("not model drift", await notDrift.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.All([noData, notDrift, missing], r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
    }

    private void UseAppServices()
    {
        var app = fixture.App.Services;
        Services.AddSingleton(app.GetRequiredService<SubjectAnalyzer>());
        Services.AddSingleton(app.GetRequiredService<AnalysisStore>());
        Services.AddSingleton(app.GetRequiredService<GitHubReportPublisher>());
        Services.AddSingleton(app.GetRequiredService<ModelRetraining>());
        Services.AddSingleton(app.GetRequiredService<ReportRollback>());
    }
}
