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
        var ordered = request.Tests
            .Select((test, i) => (Test: test, Probability: probabilities[i]))
            .OrderByDescending(t => t.Probability)
            .ThenBy(t => t.Test.DurationSeconds)
            .ThenBy(t => t.Test.Name, StringComparer.Ordinal)
            .ToList();
        var ranked = new List<RankedTest>(ordered.Count);
        double used = 0, caught = 0;
        var selectedCount = 0;
        foreach (var (test, probability) in ordered)
        {
            var passesThreshold = request.ProbabilityThreshold is not { } threshold || probability >= threshold;
            var fits = request.TimeBudgetSeconds is not { } budget || used + test.DurationSeconds <= budget;
            var selected = passesThreshold && fits;
            if (selected)
            {
                used += test.DurationSeconds;
                caught += probability;
                selectedCount++;
            }
            ranked.Add(new RankedTest(ranked.Count + 1, test.Name, probability, test.DurationSeconds, selected));
        }
        var expected = ordered.Sum(t => t.Probability);
        return new TestSelectionResult(ranked, selectedCount, used, request.Tests.Sum(t => t.DurationSeconds),
            expected <= 0 ? (selectedCount == ordered.Count ? 1 : 0) : caught / expected, model);
    }
}
