using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;

namespace MlOpsDashboard.Core.Predictors.TestSelection;

/// <summary>
/// Orders scored tests (most likely to fail first; among equals the shorter first, since it
/// reports sooner) and applies the request's threshold and/or time budget.
/// </summary>
public static class TestSelector
{
    public static TestSelectionResult Select(TestSelectionRequest request, IReadOnlyList<double> probabilities, ModelVersionId model)
    {
        if (request.ProbabilityThreshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.ProbabilityThreshold, "ProbabilityThreshold must lie between 0 and 1.");
        }
        if (request.TimeBudgetSeconds is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.TimeBudgetSeconds, "TimeBudgetSeconds must not be negative.");
        }
        var tests = request.Tests;
        if (probabilities.Count != tests.Count)
        {
            throw new ArgumentException($"{tests.Count} tests need {tests.Count} probabilities; got {probabilities.Count}.", nameof(probabilities));
        }
        var scored = probabilities as double[] ?? [.. probabilities];
        var durations = new double[tests.Count];
        var names = new string[tests.Count];
        double total = 0;
        for (var i = 0; i < tests.Count; i++)
        {
            durations[i] = tests[i].DurationSeconds;
            names[i] = tests[i].Name;
            total += durations[i];
        }
        var order = new int[tests.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        order.AsSpan().Sort(new RankOrder(scored, durations, names));
        var ranked = new RankedTest[order.Length];
        // Sums in ranked order, as the expected share has always been computed.
        double used = 0, caught = 0, expected = 0;
        var selectedCount = 0;
        for (var rank = 0; rank < order.Length; rank++)
        {
            var i = order[rank];
            var probability = scored[i];
            expected += probability;
            var passesThreshold = request.ProbabilityThreshold is not { } threshold || probability >= threshold;
            var fits = request.TimeBudgetSeconds is not { } budget || used + durations[i] <= budget;
            var selected = passesThreshold && fits;
            if (selected)
            {
                used += durations[i];
                caught += probability;
                selectedCount++;
            }
            ranked[rank] = new RankedTest(rank + 1, names[i], probability, durations[i], selected);
        }
        return new TestSelectionResult(ranked, selectedCount, used, total,
            expected <= 0 ? (selectedCount == order.Length ? 1 : 0) : caught / expected, model);
    }

    /// <summary>
    /// Test indexes by probability (highest first), then duration (shortest first), then name
    /// (ordinal), then input position: the order of a stable sort on the first three keys.
    /// </summary>
    private readonly struct RankOrder(double[] probabilities, double[] durations, string[] names) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var byProbability = probabilities[y].CompareTo(probabilities[x]);
            if (byProbability != 0)
            {
                return byProbability;
            }
            var byDuration = durations[x].CompareTo(durations[y]);
            if (byDuration != 0)
            {
                return byDuration;
            }
            var byName = string.CompareOrdinal(names[x], names[y]);
            return byName != 0 ? byName : x.CompareTo(y);
        }
    }
}
