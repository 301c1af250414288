using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Rules;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Triage;
using MlOpsDashboard.Dashboard.Tests.Pipelines;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

/// <summary>Where the Analyze button sits outside the Analyses page, and what the drift rules make of a version switch.</summary>
public sealed class AnalyzeButtonPlacementTests : BunitTestContext
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Roles.Viewer, true)]
    [InlineData(Roles.Operator, false)]
    public void PipelinesRunDetails_FailedRun_HasAnAnalyzeButtonForThatRunEnabledByRole(string role, bool disabled)
    {
        AuthorizeAs(role);
        var fake = new FakePipelineSource();
        fake.Runs.AddRange([FakePipelineSource.Run(7, "CI", RunConclusion.Failure, Start, 9), FakePipelineSource.Run(6, "CI", RunConclusion.Success, Start.AddHours(-1), 8)]);
        fake.Jobs[7] = [new PipelineJob(70, 7, "build-test", "completed", RunConclusion.Failure, Start, Start.AddMinutes(9),
            [new PipelineStep(1, "Build", "completed", RunConclusion.Failure, Start, Start.AddMinutes(9))], "")];
        fake.Jobs[6] = [];
        fake.Logs[7] = [("build-test/1_Build.txt", "error CS1002: ; expected\n")];
        Services.AddSingleton<IPipelineSource>(fake);
        Services.AddSingleton(Options.Create(new GitHubOptions()));
        Services.AddSingleton<IBuildDurationEstimator, MedianDurationEstimator>();
        Services.AddSingleton<RunFailureReader>();
        Services.AddSingleton(new FailureRiskRuntime(true, "linux-x64 with libtorch"));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/pipelines?run=7");
        var page = Render<Components.Pages.Pipelines.Pipelines>();
        page.WaitForAssertion(() => page.Find("[data-testid=run-details] [data-testid=analyze]"));
        var button = page.Find("[data-testid=run-details] [data-testid=analyze]");
        Assert.Equal("ci-run:7", button.GetAttribute("data-subject"));
        Assert.Equal(disabled, button.HasAttribute("disabled"));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/pipelines?run=6");
        var green = Render<Components.Pages.Pipelines.Pipelines>();
        green.WaitForAssertion(() => green.Find("[data-testid=run-details][data-run='6']"));
        Assert.Empty(green.FindAll("[data-testid=run-details] [data-testid=analyze]"));
    }

    [Fact]
    public void DriftRules_VersionSwitchedByADeployWhenDriftBegan_NamesTheSwitchFirstWithRollback()
    {
        var deploy = new IncidentCommit { Sha = "4f2a9c1de0", Author = "apatel", Message = "Promote failure-risk v5 to production", When = Start.AddMinutes(10) };
        var incident = new CapturedIncident
        {
            Domain = "drift",
            Drift = new DriftContext
            {
                Model = "failure-risk", Version = "v5", Score = 0.35, PreviousVersion = "v4", Since = Start, DriftedWindows = 3, DriftedShare = 0.25, PrecedingDeploy = deploy,
                TopFeatures = [new DriftFeature { Name = "lines_added", Score = 0.35, Drifted = true, Test = "Wasserstein 0.35", Baseline = "mean 40", Current = "mean 95" }],
            },
        };

        var answer = new RulesAnalyst(TimeProvider.System).Analyze(incident);

        var top = answer.RootCauses[0];
        Assert.Equal("drift-after-deploy", top.Category);
        Assert.Contains("from version v4 to v5", top.Title, StringComparison.Ordinal);
        Assert.Contains("Roll back to v4", top.Remediation, StringComparison.Ordinal);
        Assert.Contains(top.Evidence, e => e.StartsWith("Deploy before drift began: 4f2a9c1d \"Promote failure-risk v5 to production\" by apatel", StringComparison.Ordinal) && e.Contains("10 min after", StringComparison.Ordinal));
        Assert.Contains(top.Evidence, e => e.StartsWith("Drifting since 2026-11-24 02:00 UTC: 3 window(s) in a row, 25 % of features", StringComparison.Ordinal));
        Assert.Equal("drift-data", answer.RootCauses[1].Category);
        Assert.Equal(Urgency.P1, answer.Urgency);
    }

    [Fact]
    public void DriftRules_NoDeployBeforeDrift_DataDriftOnlyNoDeployCause()
    {
        var incident = new CapturedIncident
        {
            Drift = new DriftContext { Model = "build-time", Version = "v2", Score = 0.3, Since = Start, TopFeatures = [new DriftFeature { Name = "files_modified", Score = 0.3, Drifted = true }] },
        };

        var answer = new RulesAnalyst(TimeProvider.System).Analyze(incident);

        Assert.Equal("drift-data", answer.RootCauses[0].Category);
        Assert.DoesNotContain(answer.RootCauses, c => c.Category == "drift-after-deploy");
    }
}
