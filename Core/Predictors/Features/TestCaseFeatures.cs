namespace MlOpsDashboard.Core.Predictors.Features;

/// <summary>
/// The canonical description of one test case before a CI cycle runs it: its history of verdicts
/// and durations. The RETECS importer and the prediction API produce this record; the test
/// selection predictor consumes it.
/// </summary>
public sealed record TestCaseFeatures
{
    public required string Name { get; init; }

    /// <summary>Expected duration in seconds (the last or the mean of earlier runs).</summary>
    public double DurationSeconds { get; init; }

    public double PreviousRuns { get; init; }
    public double PreviousFailures { get; init; }

    /// <summary>Null when the test has never run.</summary>
    public bool? LastRunFailed { get; init; }

    /// <summary>Failed share of the last few runs (up to 5), 0 when it has never run.</summary>
    public double RecentFailureRatio { get; init; }

    /// <summary>Current streak of failed runs.</summary>
    public double ConsecutiveFailures { get; init; }

    /// <summary>Runs since the last failure; equals <see cref="PreviousRuns"/> when it never failed.</summary>
    public double RunsSinceLastFailure { get; init; }

    /// <summary>CI cycles since the test last ran (0 = it ran in the previous cycle).</summary>
    public double CyclesSinceLastRun { get; init; }

    /// <summary>Whether the change touches the test or the code it covers, when the caller knows (0/1, else 0).</summary>
    public double ChangeTouchesTest { get; init; }
}
