using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving;

namespace MlOpsDashboard.Core.Predictors.TestSelection;

public interface ITestSelectionPredictor : IPredictor
{
    /// <summary>Ranks every test by failure probability and selects by the request's criterion.</summary>
    TestSelectionResult Select(TestSelectionRequest request);

    /// <summary>
    /// The same selection from the tests' feature vectors already computed (<see cref="TestCaseFeatureVector.ToVector"/>,
    /// one per test in request order), so a caller that also logs them converts once; the vectors are only read.
    /// </summary>
    TestSelectionResult Select(TestSelectionRequest request, IReadOnlyList<float[]> vectors) => Select(request);
}

/// <summary>
/// Tests of a change to rank. Give <see cref="ProbabilityThreshold"/> (select tests at or above it),
/// or <see cref="TimeBudgetSeconds"/> (select the highest-ranked tests that fit), or neither
/// (select all, in ranked order). Giving both selects by the threshold within the budget.
/// </summary>
public sealed record TestSelectionRequest(
    IReadOnlyList<TestCaseFeatures> Tests,
    double? ProbabilityThreshold = null,
    double? TimeBudgetSeconds = null);

public readonly record struct RankedTest(
    int Rank,
    string Name,
    double FailureProbability,
    double DurationSeconds,
    bool Selected);

/// <summary>
/// All tests in ranked order (highest failure probability first), with the share of expected
/// failures the selection catches (sum of selected probabilities over the sum of all).
/// </summary>
public sealed record TestSelectionResult(
    IReadOnlyList<RankedTest> Ranked,
    int SelectedCount,
    double SelectedDurationSeconds,
    double TotalDurationSeconds,
    double ExpectedShareOfFailuresCaught,
    ModelVersionId Model);
