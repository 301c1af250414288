using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Incidents;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Core.Incidents.Rules;
using MlOpsDashboard.Core.Incidents.Triggers;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Simulated;
using MlOpsDashboard.Core.Pipelines.Triage;
using MlOpsDashboard.Dashboard.Tests.Pipelines;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

/// <summary>The sandbox's failing-CI scenarios, read through the CI failure source and analysed by the rules.</summary>
public sealed class CiFailureAnalysisTests : IDisposable
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero));
    private readonly SimulatedCiScenarios _scenarios = new();
    private readonly SimulatedPipelineSource _source;
    private readonly TestDatabase _database = new();
    private ServiceProvider? _provider;

    public CiFailureAnalysisTests() => _source = new SimulatedPipelineSource(_clock, _scenarios);

    public static TheoryData<FailureCategory, string> Scenarios => new()
    {
        { FailureCategory.TestFailure, "ci-test-failure" },
        { FailureCategory.Compile, "ci-compile" },
        { FailureCategory.Dependency, "ci-dependency" },
        { FailureCategory.SecurityFinding, "ci-security-finding" },
        { FailureCategory.ModelBelowThreshold, "ci-model-below-threshold" },
        { FailureCategory.ManifestError, "ci-manifest-error" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task FailingCiScenario_CollectedAndAnalysed_NamesTheInjectedClassFirstWithTheLogAsEvidence(FailureCategory kind, string expected)
    {
        var run = await FailAsync(kind);

        var context = await CiSource().GetAsync(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.NotNull(context);
        Assert.Equal(kind.ToString(), context.TriageCategory);
        Assert.Equal(1, context.ExitCode);
        Assert.Equal(run.HeadSha, context.Commit);
        Assert.StartsWith(run.Workflow + " #", context.Workflow, StringComparison.Ordinal);
        Assert.NotNull(context.FailingStep);
        Assert.NotEmpty(context.TriageEvidence);
        Assert.Contains(context.Log, line => line.StartsWith("##[error]Process completed with exit code 1.", StringComparison.Ordinal));
        var answer = new RulesAnalyst(_clock).Analyze(new CapturedIncident { Domain = "ci", Ci = context });
        var top = answer.RootCauses[0];
        Assert.Equal(expected, top.Category);
        Assert.Contains(top.Evidence, e => e == $"Triage classified the failure as {kind}.");
        Assert.Contains(top.Evidence, e => e.StartsWith("Log", StringComparison.Ordinal) && context.TriageEvidence.Concat(context.Log).Any(l => e.Contains(l.Length > 30 ? l[^30..] : l, StringComparison.Ordinal)));
        Assert.Contains(top.Evidence, e => e.Contains($"step '{context.FailingStep}' exited with 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CiSource_RunThatPassedOrUnknown_Null()
    {
        var passed = (await _source.ListRunsAsync(200, CancellationToken.None)).First(r => r.IsCompleted && r.Conclusion == RunConclusion.Success);

        Assert.Null(await CiSource().GetAsync(passed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None));
        Assert.Null(await CiSource().GetAsync("123", CancellationToken.None));
        Assert.Null(await CiSource().GetAsync("not-a-run", CancellationToken.None));
    }

    [Fact]
    public async Task CiSource_FailureOnMain_NamesTheLastGreenRunOfTheWorkflow()
    {
        var run = await FailAsync(FailureCategory.Compile);
        var green = (await _source.ListRunsAsync(200, CancellationToken.None))
            .Where(r => r.Workflow == run.Workflow && r.Branch == run.Branch && r.Conclusion == RunConclusion.Success && r.CreatedAt < run.CreatedAt)
            .MaxBy(r => r.CreatedAt)!;

        var context = await CiSource().GetAsync(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.StartsWith($"#{green.RunNumber} at {green.ShortSha}", context!.LastGreenRun, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedRunWatcher_NewFailure_QueuedOnceAndAnalysedAsCi()
    {
        var run = await FailAsync(FailureCategory.TestFailure);
        var queue = new SubjectAnalysisQueue();
        var store = new AnalysisStore(_database);
        var watcher = new FailedRunWatcher(_source, store, queue, Options.Create(new IncidentsOptions()),
            _clock, NullLogger<FailedRunWatcher>.Instance);

        var first = await watcher.QueueNewFailuresAsync(CancellationToken.None);
        var second = await watcher.QueueNewFailuresAsync(CancellationToken.None);

        Assert.Contains(run.Id, first);
        Assert.Empty(second);
        Assert.All(first, id => Assert.True((_clock.GetUtcNow() - FailedRunWatcher.RecentWindow) <= _source.ListRunsAsync(200, CancellationToken.None).Result.First(r => r.Id == id).UpdatedAt));
        var analyzer = Analyzer(store);
        var stored = await analyzer.AnalyzeAsync(AnalysisSubject.CiRun(run), FailedRunWatcher.Trigger, CancellationToken.None);
        Assert.Equal(IncidentDomain.Ci, stored.Report.Domain);
        Assert.Equal("ci-test-failure", stored.Report.RootCauses[0].Category);
        Assert.Equal($"ci-run:{run.Id}", stored.Subject);
        var restarted = new FailedRunWatcher(_source, store, queue, Options.Create(new IncidentsOptions()),
            _clock, NullLogger<FailedRunWatcher>.Instance);
        Assert.DoesNotContain(run.Id, await restarted.QueueNewFailuresAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SubjectAnalyzer_RunStillRunning_SaysWhyNothingWasAnalysed()
    {
        await _source.ListRunsAsync(1, CancellationToken.None);
        _scenarios.FailNextRun(FailureCategory.TestFailure);
        var running = (await _source.ListRunsAsync(1, CancellationToken.None))[0];

        var error = await Assert.ThrowsAsync<SubjectUnavailableException>(() => Analyzer(new AnalysisStore(_database)).AnalyzeAsync(AnalysisSubject.CiRun(running), "button", CancellationToken.None));

        Assert.Contains($"CI run {running.Id} has no failed job", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Arms the scenario, which starts a run of its workflow now, and lets the clock run past its end.</summary>
    private async Task<PipelineRun> FailAsync(FailureCategory kind)
    {
        // The week of history first, so the armed failure goes to the new run and not to a past one.
        await _source.ListRunsAsync(1, CancellationToken.None);
        _scenarios.FailNextRun(kind);
        var started = (await _source.ListRunsAsync(1, CancellationToken.None))[0];
        _clock.Advance(TimeSpan.FromHours(1));
        var run = (await _source.ListRunsAsync(200, CancellationToken.None)).Single(r => r.Id == started.Id);
        Assert.Equal(RunConclusion.Failure, run.Conclusion);
        return run;
    }

    private PipelineCiFailureSource CiSource() =>
        new(_source, new RunFailureReader(_source), Options.Create(new GitHubOptions()), Options.Create(new IncidentsOptions()));

    private SubjectAnalyzer Analyzer(AnalysisStore store)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddIncidentAnalysis();
        _provider = services.BuildServiceProvider();
        return new SubjectAnalyzer(new UnusedCollector(), new Core.Incidents.Alerts.AlertIntake(_database, _clock),
            new AnalysisService(_provider.GetRequiredService<IncidentAnalyzer>(), store), ci: CiSource());
    }

    /// <summary>CI runs need no cluster; a call here would mean the wrong path was taken.</summary>
    private sealed class UnusedCollector : IIncidentContextCollector
    {
        public Task<CapturedIncident> CollectAsync(IncidentTarget target, IncidentAlert? alert, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A CI run's analysis must not collect cluster context.");
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _database.Dispose();
    }
}
