using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Traffic;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

/// <summary>
/// Small real models trained here on synthetic builds with a known relation between features and
/// outcome (ridge regression and logistic regression), so the API is tested against predictors
/// whose answers depend on their input, independently of the registry's trainers.
/// </summary>
public static class TrainedTestModels
{
    private static readonly string[] BuildColumns =
        [nameof(BuildFeatures.FilesModified), nameof(BuildFeatures.LinesAdded), nameof(BuildFeatures.TestFiles), nameof(BuildFeatures.PreviousDurationSeconds), nameof(BuildFeatures.DependencyCount)];

    private static readonly string[] RiskColumns =
        [nameof(BuildFeatures.PreviousBuildFailed), nameof(BuildFeatures.RecentFailureRatio), nameof(BuildFeatures.FileFailureProbabilityMax), nameof(BuildFeatures.LinesAdded)];

    /// <summary>Duration = 0.9 × previous + 0.6 s per added line + 8 s per file + noise; the model must learn it.</summary>
    public static LinearBuildTimeModel TrainBuildTime(int version, int seed = 1, int builds = 2_000)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, builds).Select(_ => SyntheticBuildDistribution.Sample(random)).ToList();
        var targets = rows.Select(b => (0.9 * b.PreviousDurationSeconds) + (0.6 * b.LinesAdded) + (8 * b.FilesModified) + (random.NextDouble() * 60) - 30).ToArray();
        var columns = BuildColumns.Select(c => BuildFeatureVector.Names.ToList().IndexOf(c)).ToArray();
        var x = rows.Select(b => Select(BuildFeatureVector.ToVector(b), columns)).ToArray();
        var weights = Ridge(x, targets, 1e-3);
        var residuals = x.Select((row, i) => targets[i] - Dot(weights, row)).Order().ToArray();
        var means = Enumerable.Range(0, columns.Length).Select(j => x.Average(r => r[j])).ToArray();
        return new LinearBuildTimeModel(new ModelVersionId(PredictorKind.BuildTime, version), columns, weights, means,
            residuals[(int)(0.1 * residuals.Length)], residuals[(int)(0.9 * residuals.Length)]);
    }

    /// <summary>Failure odds rise with a failed previous build, recent failures and risky files; logistic regression by gradient descent.</summary>
    public static LogisticFailureRiskModel TrainFailureRisk(int version, int seed = 2, int builds = 2_000)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, builds).Select(_ => SyntheticBuildDistribution.Sample(random)).ToList();
        var columns = RiskColumns.Select(c => BuildFeatureVector.Names.ToList().IndexOf(c)).ToArray();
        var x = rows.Select(b => Scale(Select(BuildFeatureVector.ToVector(b), columns))).ToArray();
        var labels = rows.Select(b => random.NextDouble() < Sigmoid(-2.5 + (2 * (b.PreviousBuildFailed == true ? 1 : 0)) + (3 * b.RecentFailureRatio) + (2 * b.FileFailureProbabilityMax)) ? 1.0 : 0.0).ToArray();
        var weights = Logistic(x, labels, iterations: 300, rate: 0.5);
        var means = Enumerable.Range(0, columns.Length).Select(j => x.Average(r => r[j])).ToArray();
        return new LogisticFailureRiskModel(new ModelVersionId(PredictorKind.FailureRisk, version), columns, weights, means, Threshold: 0.35);
    }

    /// <summary>Tests fail more often when touched by the change, recently failing or long unrun.</summary>
    public static LogisticTestSelectionModel TrainTestSelection(int version, int seed = 3)
    {
        var random = new Random(seed);
        var x = new List<double[]>();
        var labels = new List<double>();
        for (var cycle = 0; cycle < 30; cycle++)
        {
            var changed = SandboxTestCatalog.Modules.Where(_ => random.NextDouble() < 0.3).Select(m => $"src/{m}/File.cs");
            foreach (var test in SandboxTestCatalog.ForChange(changed))
            {
                var row = TestRow(test);
                x.Add(row);
                labels.Add(random.NextDouble() < Sigmoid(-4 + (2.5 * test.ChangeTouchesTest) + (3 * test.RecentFailureRatio) + (test.LastRunFailed == true ? 1 : 0)) ? 1 : 0);
            }
        }
        return new LogisticTestSelectionModel(new ModelVersionId(PredictorKind.TestSelection, version), Logistic([.. x], [.. labels], iterations: 300, rate: 0.5));
    }

    internal static double[] TestRow(TestCaseFeatures t) =>
        [t.ChangeTouchesTest, t.RecentFailureRatio, t.LastRunFailed == true ? 1 : 0, t.PreviousRuns > 0 ? t.PreviousFailures / t.PreviousRuns : 0];

    internal static double[] Select(float[] vector, int[] columns) => [.. columns.Select(c => (double)vector[c])];

    /// <summary>Large counts squashed with log1p so one learning rate fits every column.</summary>
    internal static double[] Scale(double[] row) => [.. row.Select(v => Math.Log(1 + Math.Max(0, v)))];

    internal static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Intercept first, then one weight per column.</summary>
    internal static double Dot(double[] weights, double[] row)
    {
        var sum = weights[0];
        for (var j = 0; j < row.Length; j++)
        {
            sum += weights[j + 1] * row[j];
        }
        return sum;
    }

    private static double[] Ridge(double[][] x, double[] y, double lambda)
    {
        var n = x[0].Length + 1;
        var a = new double[n, n + 1];
        foreach (var (row, target) in x.Zip(y))
        {
            double[] r = [1, .. row];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    a[i, j] += r[i] * r[j];
                }
                a[i, n] += r[i] * target;
            }
        }
        for (var i = 1; i < n; i++)
        {
            a[i, i] += lambda * x.Length;
        }
        return Solve(a, n);
    }

    private static double[] Solve(double[,] a, int n)
    {
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var k = 0; k <= n; k++)
            {
                (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            }
            for (var r = 0; r < n; r++)
            {
                if (r == col)
                {
                    continue;
                }
                var factor = a[r, col] / a[col, col];
                for (var k = col; k <= n; k++)
                {
                    a[r, k] -= factor * a[col, k];
                }
            }
        }
        return [.. Enumerable.Range(0, n).Select(i => a[i, n] / a[i, i])];
    }

    private static double[] Logistic(double[][] x, double[] labels, int iterations, double rate)
    {
        var weights = new double[x[0].Length + 1];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[weights.Length];
            for (var i = 0; i < x.Length; i++)
            {
                var error = Sigmoid(Dot(weights, x[i])) - labels[i];
                gradient[0] += error;
                for (var j = 0; j < x[i].Length; j++)
                {
                    gradient[j + 1] += error * x[i][j];
                }
            }
            for (var j = 0; j < weights.Length; j++)
            {
                weights[j] -= rate * gradient[j] / x.Length;
            }
        }
        return weights;
    }
}

public sealed record LinearBuildTimeModel(ModelVersionId Version, int[] Columns, double[] Weights, double[] Means, double LowerResidual, double UpperResidual) : IBuildTimePredictor
{
    public string DataSource => "synthetic (test-trained ridge regression)";

    public BuildTimePrediction Predict(BuildFeatures features)
    {
        var row = TrainedTestModels.Select(BuildFeatureVector.ToVector(features), Columns);
        var seconds = Math.Max(1, TrainedTestModels.Dot(Weights, row));
        var drivers = Columns.Select((c, j) => new FeatureDriver(BuildFeatureVector.Names[c], row[j], Weights[j + 1] * (row[j] - Means[j])))
            .OrderByDescending(d => Math.Abs(d.Contribution)).ToList();
        var recommendations = features.LinesAdded > 400
            ? new List<BuildTimeRecommendation> { new("split-change", "Split the change", "Large changes build and review slower.", 0.6 * (features.LinesAdded - 400)) }
            : [];
        return new BuildTimePrediction(seconds, Math.Max(0, seconds + LowerResidual), seconds + UpperResidual, 0.8, drivers, recommendations, Version);
    }
}

public sealed record LogisticFailureRiskModel(ModelVersionId Version, int[] Columns, double[] Weights, double[] Means, double Threshold) : IFailureRiskPredictor
{
    public string DataSource => "synthetic (test-trained logistic regression)";

    public FailureRiskPrediction Predict(BuildFeatures features)
    {
        var row = TrainedTestModels.Scale(TrainedTestModels.Select(BuildFeatureVector.ToVector(features), Columns));
        var probability = TrainedTestModels.Sigmoid(TrainedTestModels.Dot(Weights, row));
        var drivers = Columns.Select((c, j) => new FeatureDriver(BuildFeatureVector.Names[c], BuildFeatureVector.ToVector(features)[c], Weights[j + 1] * (row[j] - Means[j]) * probability * (1 - probability)))
            .OrderByDescending(d => Math.Abs(d.Contribution)).ToList();
        return new FailureRiskPrediction(probability, Threshold, probability >= Threshold, drivers, Version);
    }
}

public sealed record LogisticTestSelectionModel(ModelVersionId Version, double[] Weights) : ITestSelectionPredictor
{
    public string DataSource => "synthetic (test-trained logistic regression)";

    public TestSelectionResult Select(TestSelectionRequest request)
    {
        var scored = request.Tests.Select(t => (Test: t, P: TrainedTestModels.Sigmoid(TrainedTestModels.Dot(Weights, TrainedTestModels.TestRow(t)))))
            .OrderByDescending(s => s.P).ToList();
        var ranked = new List<RankedTest>(scored.Count);
        var used = 0.0;
        foreach (var (test, p) in scored)
        {
            var fitsBudget = request.TimeBudgetSeconds is not { } budget || used + test.DurationSeconds <= budget;
            var selected = (request.ProbabilityThreshold is not { } threshold || p >= threshold) && fitsBudget;
            if (selected)
            {
                used += test.DurationSeconds;
            }
            ranked.Add(new RankedTest(ranked.Count + 1, test.Name, p, test.DurationSeconds, selected));
        }
        var total = scored.Sum(s => s.P);
        var caught = ranked.Where(r => r.Selected).Sum(r => r.FailureProbability);
        return new TestSelectionResult(ranked, ranked.Count(r => r.Selected), used, request.Tests.Sum(t => t.DurationSeconds), total > 0 ? caught / total : 0, Version);
    }
}
