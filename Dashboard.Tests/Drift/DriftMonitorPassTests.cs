using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

/// <summary>
/// The monitor's passes over a real SQLite database: what a pass stores is what the evaluator
/// gives for each completed window, and a pass with no completed window due reads nothing but the
/// list of profiles.
/// </summary>
public sealed class DriftMonitorPassTests : IDisposable
{
    // Half past ten: the windows of 08:00 and 09:00 are the last two completed ones.
    // A model of its own: the drift gauges are process-wide, and the app fixture's tests read failure-risk's.
    private const string Model = "drift-pass-memory";
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 30, 0, TimeSpan.Zero);
    private readonly DriftMonitorHarness _harness = new(Start);

    public void Dispose() => _harness.Dispose();

    private static ReferenceProfile Profile(string version, DateTimeOffset createdAt) =>
        DriftScenario.Profile(version, createdAt) with { Model = Model };

    private async Task<ReferenceProfile> SaveProfileAsync(string version, DateTimeOffset createdAt) =>
        await SaveProfileAsync(Profile(version, createdAt));

    private void Serve(DateTimeOffset now, int windowsBack, bool shifted, int rows = 400, string version = DriftScenario.Version) =>
        DriftScenario.Serve(_harness.Served.Rows, now, windowsBack, shifted, rows, version, Model);

    private async Task<ReferenceProfile> SaveProfileAsync(ReferenceProfile profile)
    {
        await _harness.Profiles.SaveAsync(profile, CancellationToken.None);
        return profile;
    }

    /// <summary>The stored rows of one window against the evaluator run on that window directly.</summary>
    private async Task AssertStoredAsEvaluatedAsync(ReferenceProfile profile, DriftWindow window)
    {
        var served = await _harness.Served.Rows.ReadWindowAsync(profile.Model, profile.Version, window.Start, window.End, CancellationToken.None);
        var expected = DriftEvaluator.Evaluate(profile, served, _harness.Options.MinimumRows);
        var stored = (await _harness.ResultsAsync()).Where(r => r.Version == profile.Version && r.WindowStart == window.Start).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(
            expected.Select(e => (e.Drift.Feature, e.Drift.Statistic.ToString(), e.Drift.Score, e.Drift.Threshold, e.Drift.Drifted, e.Rows, window.End)),
            stored.Select(r => (r.Feature, r.Statistic, r.Score, r.Threshold, r.Drifted, r.Rows, r.WindowEnd)));
    }

    private static DriftWindow WindowsBack(DateTimeOffset now, int back)
    {
        var current = DriftWindows.Containing(now, DriftScenario.Window);
        return new(current.Start - back * DriftScenario.Window, current.Start - (back - 1) * DriftScenario.Window);
    }

    [Fact]
    public async Task Pass_TwoServedWindows_StoresWhatTheEvaluatorGivesForEach()
    {
        var profile = await SaveProfileAsync(DriftScenario.Version, Start.AddHours(-5));
        Serve(Start, windowsBack: 2, shifted: false);
        Serve(Start, windowsBack: 1, shifted: true);

        var computed = await _harness.PassAsync();

        Assert.Equal(2, computed);
        Assert.Equal(_harness.Options.LookbackWindows, _harness.Served.Reads);
        await AssertStoredAsEvaluatedAsync(profile, WindowsBack(Start, 2));
        await AssertStoredAsEvaluatedAsync(profile, WindowsBack(Start, 1));
        Assert.Equal(8, (await _harness.ResultsAsync()).Count);
    }

    [Fact]
    public async Task Pass_NothingDue_ListsProfilesAndReadsNothingElse()
    {
        await SaveProfileAsync(DriftScenario.PreviousVersion, Start.AddDays(-3));
        await SaveProfileAsync(DriftScenario.Version, Start.AddHours(-5));
        Serve(Start, windowsBack: 1, shifted: false);
        Assert.Equal(1, await _harness.PassAsync());
        var stored = await _harness.ResultsAsync();
        _harness.ClearCounts();
        _harness.Clock.Now = Start.AddMinutes(1);

        var computed = await _harness.PassAsync();

        Assert.Equal(0, computed);
        Assert.Equal(0, _harness.Served.Reads);
        var command = Assert.Single(_harness.Commands.Commands);
        Assert.Contains("DriftReferenceProfiles", command, StringComparison.Ordinal);
        Assert.DoesNotContain("Json", command, StringComparison.Ordinal);
        Assert.Equal(stored.Count, (await _harness.ResultsAsync()).Count);
    }

    [Fact]
    public async Task Pass_AfterRestart_TakesTheLastComputedWindowFromTheDatabase()
    {
        await SaveProfileAsync(DriftScenario.Version, Start.AddHours(-5));
        Serve(Start, windowsBack: 2, shifted: false);
        Serve(Start, windowsBack: 1, shifted: true);
        Assert.Equal(2, await _harness.PassAsync());
        var stored = await _harness.ResultsAsync();
        _harness.Restart();
        _harness.ClearCounts();

        var computed = await _harness.PassAsync();

        Assert.Equal(0, computed);
        Assert.Equal(0, _harness.Served.Reads);
        Assert.Equal(stored.Select(r => (r.Id, r.Score)), (await _harness.ResultsAsync()).Select(r => (r.Id, r.Score)));
    }

    [Fact]
    public async Task Pass_NextWindowCompletes_ComputesOnlyThatWindow()
    {
        var profile = await SaveProfileAsync(DriftScenario.Version, Start.AddHours(-5));
        Serve(Start, windowsBack: 2, shifted: false);
        Assert.Equal(1, await _harness.PassAsync());
        var later = Start.AddHours(1);
        Serve(later, windowsBack: 1, shifted: true);
        _harness.Clock.Now = later;
        _harness.ClearCounts();

        var computed = await _harness.PassAsync();

        Assert.Equal(1, computed);
        Assert.Equal(1, _harness.Served.Reads);
        await AssertStoredAsEvaluatedAsync(profile, WindowsBack(later, 1));
        Assert.True((await _harness.ResultsAsync()).Single(r => r.WindowStart == WindowsBack(later, 1).Start && r.Feature == DriftScenario.ShiftedFeature).Drifted);
    }

    [Fact]
    public async Task Pass_NewProfileVersionStored_PickedUpWithoutRereadingTheOther()
    {
        await SaveProfileAsync(DriftScenario.PreviousVersion, Start.AddDays(-3));
        Serve(Start, windowsBack: 2, shifted: false, version: DriftScenario.PreviousVersion);
        Assert.Equal(1, await _harness.PassAsync());
        var added = await SaveProfileAsync(DriftScenario.Version, Start.AddMinutes(1));
        Serve(Start, windowsBack: 1, shifted: true);
        _harness.Clock.Now = Start.AddMinutes(2);
        _harness.ClearCounts();

        var computed = await _harness.PassAsync();

        Assert.Equal(1, computed);
        Assert.Equal(_harness.Options.LookbackWindows, _harness.Served.Reads);
        await AssertStoredAsEvaluatedAsync(added, WindowsBack(Start, 1));
    }

    [Fact]
    public async Task Pass_ProfileSavedAgain_NextWindowComparedWithTheNewProfile()
    {
        await SaveProfileAsync(DriftScenario.Version, Start.AddHours(-5));
        Serve(Start, windowsBack: 1, shifted: false);
        Assert.Equal(1, await _harness.PassAsync());
        var retrained = Profile(DriftScenario.Version, Start.AddMinutes(5)) with
        {
            Features = [.. Profile(DriftScenario.Version, Start).Features.Select(f => f.Name == DriftScenario.ShiftedFeature
                ? f with { NumericSample = [.. f.NumericSample.Select(v => v + 1)] }
                : f)],
        };
        await SaveProfileAsync(retrained);
        var later = Start.AddHours(1);
        Serve(later, windowsBack: 1, shifted: false);
        _harness.Clock.Now = later;

        Assert.Equal(1, await _harness.PassAsync());

        await AssertStoredAsEvaluatedAsync(retrained, WindowsBack(later, 1));
        Assert.True((await _harness.ResultsAsync()).Single(r => r.WindowStart == WindowsBack(later, 1).Start && r.Feature == DriftScenario.ShiftedFeature).Drifted);
    }

    [Fact]
    public async Task Pass_RowsArriveWithinTheGraceOfAClosedWindow_WindowComputedAtTheNextPass()
    {
        var closedAt = DriftWindows.Containing(Start, DriftScenario.Window).Start;
        _harness.Clock.Now = closedAt + TimeSpan.FromSeconds(5);
        var profile = await SaveProfileAsync(DriftScenario.Version, Start.AddHours(-5));
        Assert.Equal(0, await _harness.PassAsync());
        Serve(_harness.Clock.Now, windowsBack: 1, shifted: false);
        _harness.Clock.Now = closedAt + TimeSpan.FromSeconds(30);
        _harness.ClearCounts();

        var computed = await _harness.PassAsync();

        Assert.Equal(1, computed);
        await AssertStoredAsEvaluatedAsync(profile, WindowsBack(_harness.Clock.Now, 1));
    }

    [Fact]
    public async Task Pass_WindowSparseAfterTheGrace_NotReadAgainUntilTheNextWindowCloses()
    {
        await SaveProfileAsync(DriftScenario.Version, Start.AddHours(-5));
        Serve(Start, windowsBack: 1, shifted: false, rows: 10);
        Assert.Equal(0, await _harness.PassAsync());
        _harness.ClearCounts();
        _harness.Clock.Now = Start.AddMinutes(1);

        Assert.Equal(0, await _harness.PassAsync());
        Assert.Equal(0, _harness.Served.Reads);

        _harness.Clock.Now = Start.AddHours(1);
        Assert.Equal(0, await _harness.PassAsync());
        Assert.Equal(1, _harness.Served.Reads);
    }
}
