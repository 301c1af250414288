using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Rules;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

public sealed class RulesAnalystTests
{
    private readonly RulesAnalyst _rules = new(new FixedClock(IncidentSamples.Now));

    public static TheoryData<string, CapturedIncident> Families => IncidentSamples.Families();

    [Theory]
    [MemberData(nameof(Families))]
    public void Analyze_KnownFailure_NamesItFirstWithEvidenceAndRemediation(string expected, CapturedIncident incident)
    {
        var answer = _rules.Analyze(incident);

        var top = answer.RootCauses[0];
        Assert.Equal(expected, top.Category);
        Assert.NotEmpty(top.Evidence);
        Assert.False(string.IsNullOrWhiteSpace(top.Remediation));
        Assert.InRange(top.Likelihood, 0.5, 1);
        Assert.Equal(answer.RootCauses.OrderByDescending(c => c.Likelihood).Select(c => c.Category), answer.RootCauses.Select(c => c.Category));
    }

    [Fact]
    public void Analyze_CapturedCrashLoop_CitesExitCodeAndLastLogLines()
    {
        var answer = _rules.Analyze(IncidentSamples.Load("crashloop.json"));

        var top = answer.RootCauses[0];
        Assert.Equal("crash-loop", top.Category);
        Assert.Contains(top.Evidence, e => e.Contains("exit code 1", StringComparison.Ordinal));
        Assert.Contains(top.Evidence, e => e.Contains("RegistryError: model version not found", StringComparison.Ordinal));
        Assert.Equal(Urgency.P0, answer.Urgency);
        Assert.Equal(CauseScope.Application, answer.Scope);
    }

    [Fact]
    public void Analyze_OomKilled_ComparesWithTheMemoryLimit()
    {
        var incident = new CapturedIncident
        {
            Pod = IncidentSamples.Pod(IncidentSamples.Container("running", last: new() { State = "terminated", Reason = "OOMKilled", ExitCode = 137 }, restarts: 3, memory: "6Gi")),
            Metrics = new() { MemoryWorkingSetBytes = 6.3 * 1024 * 1024 * 1024 },
        };

        var top = _rules.Analyze(incident).RootCauses[0];

        Assert.Contains("6 GiB", top.Title, StringComparison.Ordinal);
        Assert.Contains(top.Evidence, e => e.Contains("of the limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_NodeNotReady_IsInfrastructureAndP0()
    {
        var incident = new CapturedIncident { Pod = IncidentSamples.Pod(IncidentSamples.Container("running")), Nodes = [IncidentSamples.Node("wsl-worker", "amd64", "Unknown")] };

        var answer = _rules.Analyze(incident);

        Assert.Equal(CauseScope.Infrastructure, answer.Scope);
        Assert.Equal(Urgency.P0, answer.Urgency);
    }

    [Fact]
    public void Analyze_Unschedulable_QuotesTheSchedulersReason()
    {
        var top = _rules.Analyze(IncidentSamples.Families().Select(r => (CapturedIncident)r[1]).First(i => i.Pod?.Phase == "Pending")).RootCauses[0];

        Assert.Contains(top.Evidence, e => e.Contains("Insufficient memory", StringComparison.Ordinal));
        Assert.Contains("memory request", top.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_NothingRecognisable_SaysSoWithLowLikelihood()
    {
        var answer = _rules.Analyze(new CapturedIncident { Events = ["Normal Pulled pod/x Successfully pulled image"] });

        Assert.Equal("no-known-pattern", Assert.Single(answer.RootCauses).Category);
        Assert.True(answer.RootCauses[0].Likelihood < 0.5);
    }

    [Fact]
    public void Analyze_SameIncidentTwice_SameAnswer()
    {
        var incident = IncidentSamples.Load("crashloop.json");

        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(_rules.Analyze(incident), IncidentJson.Options),
            System.Text.Json.JsonSerializer.Serialize(_rules.Analyze(incident), IncidentJson.Options));
    }
}
