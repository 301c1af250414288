namespace MlOpsDashboard.Core.Predictors.Features;

/// <summary>One historical test run: the CI cycle it ran in, its features and its verdict.</summary>
public sealed record TestCaseExample(string Project, long Cycle, TestCaseFeatures Features, bool Failed, double DurationSeconds);
