namespace MlOpsDashboard.Core.Predictors.Training;

/// <summary>
/// The datasets README's protocol: per project, in chronological order, the first share trains
/// and the rest tests. Validation for early stopping and thresholds comes from the END of each
/// project's training part, so no model ever looks at a later build than it is judged on.
/// </summary>
public static class ChronologicalSplit
{
    public const double DefaultTrainShare = 0.8;

    public static (List<T> Train, List<T> Test) Split<T>(IEnumerable<T> items, Func<T, string> project, Func<T, long> order, double trainShare = DefaultTrainShare)
    {
        var train = new List<T>();
        var test = new List<T>();
        foreach (var group in items.GroupBy(project).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(order).ToList();
            var cut = (int)Math.Floor(ordered.Count * trainShare);
            train.AddRange(ordered.Take(cut));
            test.AddRange(ordered.Skip(cut));
        }
        return (train, test);
    }
}
