using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Core.Predictors.Serving.Api;

/// <summary>One test case of a change, as the API receives it (names as in <see cref="TestCaseFeatures"/>).</summary>
public sealed class TestCaseInput
{
    public string? Name { get; set; }
    public double? DurationSeconds { get; set; }
    public double? PreviousRuns { get; set; }
    public double? PreviousFailures { get; set; }

    /// <summary>Null or absent when the test has never run.</summary>
    public bool? LastRunFailed { get; set; }

    /// <summary>0-1.</summary>
    public double? RecentFailureRatio { get; set; }
    public double? ConsecutiveFailures { get; set; }
    public double? RunsSinceLastFailure { get; set; }
    public double? CyclesSinceLastRun { get; set; }

    /// <summary>0 or 1: whether the change touches the test or the code it covers.</summary>
    public double? ChangeTouchesTest { get; set; }

    public TestCaseFeatures ToFeatures() => new()
    {
        Name = Name ?? "",
        DurationSeconds = DurationSeconds ?? 0,
        PreviousRuns = PreviousRuns ?? 0,
        PreviousFailures = PreviousFailures ?? 0,
        LastRunFailed = LastRunFailed,
        RecentFailureRatio = RecentFailureRatio ?? 0,
        ConsecutiveFailures = ConsecutiveFailures ?? 0,
        RunsSinceLastFailure = RunsSinceLastFailure ?? PreviousRuns ?? 0,
        CyclesSinceLastRun = CyclesSinceLastRun ?? 0,
        ChangeTouchesTest = ChangeTouchesTest ?? 0,
    };

    public static TestCaseInput From(TestCaseFeatures f) => new()
    {
        Name = f.Name,
        DurationSeconds = f.DurationSeconds,
        PreviousRuns = f.PreviousRuns,
        PreviousFailures = f.PreviousFailures,
        LastRunFailed = f.LastRunFailed,
        RecentFailureRatio = f.RecentFailureRatio,
        ConsecutiveFailures = f.ConsecutiveFailures,
        RunsSinceLastFailure = f.RunsSinceLastFailure,
        CyclesSinceLastRun = f.CyclesSinceLastRun,
        ChangeTouchesTest = f.ChangeTouchesTest,
    };
}

/// <summary>
/// The tests of one change to rank and select: give <see cref="ProbabilityThreshold"/>, or
/// <see cref="TimeBudgetSeconds"/>, or both, or neither (everything, in ranked order).
/// </summary>
public sealed class TestSelectionInput
{
    /// <summary>The caller's own id for this change (echoed back).</summary>
    public string? ChangeId { get; set; }

    public List<TestCaseInput?>? Tests { get; set; }

    /// <summary>0-1: select tests whose failure probability is at least this.</summary>
    public double? ProbabilityThreshold { get; set; }

    /// <summary>Select the highest-ranked tests whose durations fit in this many seconds.</summary>
    public double? TimeBudgetSeconds { get; set; }

    public TestSelectionRequest ToRequest() =>
        new([.. (Tests ?? []).Select(t => t!.ToFeatures())], ProbabilityThreshold, TimeBudgetSeconds);
}

public static class TestSelectionRules
{
    public const int MaxNameLength = 500;

    public static void Validate(TestSelectionInput? change, int maxTests, FieldErrors errors, string prefix = "")
    {
        if (change is null)
        {
            errors.Add(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), "is required: a JSON object with the change's tests.");
            return;
        }
        errors.RequireText(prefix + "changeId", change.ChangeId, required: false, BuildFeaturesRules.MaxBuildIdLength);
        errors.RequireNumber(prefix + "probabilityThreshold", change.ProbabilityThreshold, required: false, 0, 1);
        errors.RequireNumber(prefix + "timeBudgetSeconds", change.TimeBudgetSeconds, required: false, 0, BuildFeaturesRules.MaxCount);
        if (change.Tests is not { Count: > 0 } tests)
        {
            errors.Add(prefix + "tests", "is required: at least one test case.");
            return;
        }
        if (tests.Count > maxTests)
        {
            errors.Add(prefix + "tests", $"has {tests.Count} test cases; at most {maxTests} are accepted per change.");
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tests.Count; i++)
        {
            var at = $"{prefix}tests[{i}].";
            if (tests[i] is not { } test)
            {
                errors.Add($"{prefix}tests[{i}]", "is null; a test case object is required.");
                continue;
            }
            errors.RequireText(at + "name", test.Name, required: true, MaxNameLength);
            if (test.Name is { Length: > 0 } name && !names.Add(name))
            {
                errors.Add(at + "name", $"'{name}' appears more than once in this change.");
            }
            errors.RequireNumber(at + "durationSeconds", test.DurationSeconds, required: true, 0, BuildFeaturesRules.MaxCount);
            errors.RequireNumber(at + "previousRuns", test.PreviousRuns, required: false, 0, BuildFeaturesRules.MaxCount);
            errors.RequireNumber(at + "previousFailures", test.PreviousFailures, required: false, 0, BuildFeaturesRules.MaxCount);
            if (test.PreviousFailures > test.PreviousRuns && !errors.Has(at + "previousFailures"))
            {
                errors.Add(at + "previousFailures", $"is {test.PreviousFailures}, more than previousRuns ({test.PreviousRuns ?? 0}).");
            }
            errors.RequireNumber(at + "recentFailureRatio", test.RecentFailureRatio, required: false, 0, 1);
            errors.RequireNumber(at + "consecutiveFailures", test.ConsecutiveFailures, required: false, 0, BuildFeaturesRules.MaxCount);
            errors.RequireNumber(at + "runsSinceLastFailure", test.RunsSinceLastFailure, required: false, 0, BuildFeaturesRules.MaxCount);
            errors.RequireNumber(at + "cyclesSinceLastRun", test.CyclesSinceLastRun, required: false, 0, BuildFeaturesRules.MaxCount);
            errors.RequireNumber(at + "changeTouchesTest", test.ChangeTouchesTest, required: false, 0, 1);
        }
    }
}
