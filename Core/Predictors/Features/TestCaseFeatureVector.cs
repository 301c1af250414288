namespace MlOpsDashboard.Core.Predictors.Features;

/// <summary>The fixed order in which <see cref="TestCaseFeatures"/> becomes a numeric vector.</summary>
public static class TestCaseFeatureVector
{
    private static readonly (string Name, Func<TestCaseFeatures, double> Read)[] Columns =
    [
        (nameof(TestCaseFeatures.DurationSeconds), f => f.DurationSeconds),
        (nameof(TestCaseFeatures.PreviousRuns), f => f.PreviousRuns),
        (nameof(TestCaseFeatures.PreviousFailures), f => f.PreviousFailures),
        ("PreviousFailureRatio", f => f.PreviousRuns > 0 ? f.PreviousFailures / f.PreviousRuns : 0),
        (nameof(TestCaseFeatures.LastRunFailed), f => f.LastRunFailed switch { true => 1, false => 0, null => 0.5 }),
        (nameof(TestCaseFeatures.RecentFailureRatio), f => f.RecentFailureRatio),
        (nameof(TestCaseFeatures.ConsecutiveFailures), f => f.ConsecutiveFailures),
        (nameof(TestCaseFeatures.RunsSinceLastFailure), f => f.RunsSinceLastFailure),
        (nameof(TestCaseFeatures.CyclesSinceLastRun), f => f.CyclesSinceLastRun),
        (nameof(TestCaseFeatures.ChangeTouchesTest), f => f.ChangeTouchesTest),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Columns.Select(c => c.Name)];

    public static int Length => Columns.Length;

    public static float[] ToVector(TestCaseFeatures features)
    {
        var vector = new float[Columns.Length];
        Write(features, vector);
        return vector;
    }

    /// <summary>
    /// Writes the vector into <paramref name="destination"/> (at least <see cref="Length"/> long):
    /// ranking a change's tests fills one flat buffer this way instead of an array per test.
    /// </summary>
    public static void Write(TestCaseFeatures features, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(features);
        var columns = Columns;
        if (destination.Length < columns.Length)
        {
            throw new ArgumentException($"A test case has {columns.Length} features; the destination holds {destination.Length}.", nameof(destination));
        }
        for (var i = 0; i < columns.Length; i++)
        {
            destination[i] = (float)columns[i].Read(features);
        }
    }
}
