using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Predictors;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Dashboard.Tests.Predictions;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.BuildTime;

public sealed class BuildTimeModelDurationEstimatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static PipelineRun Run(long id, string workflow, int hoursAfterStart, int minutes, RunConclusion conclusion = RunConclusion.Success, string actor = "mchen") =>
        new(id, workflow, id, "main", "abc1234def", "push", actor, "", "completed", conclusion, Start.AddHours(hoursAfterStart), Start.AddHours(hoursAfterStart), Start.AddHours(hoursAfterStart).AddMinutes(minutes), "");

    private static readonly PipelineRun[] History =
    [
        Run(1, "CI", 0, 6), Run(2, "CI", 1, 8, RunConclusion.Failure, "apatel"), Run(3, "Security", 2, 30), Run(4, "CI", 3, 10, RunConclusion.Failure),
        Run(6, "CI", 9, 100),
    ];

    [Fact]
    public void Describe_UsesOnlyEarlierFinishedRunsOfTheSameWorkflow()
    {
        var features = BuildTimeModelDurationEstimator.Describe(Run(5, "CI", 4, 9), History);

        Assert.Equal(600, features.PreviousDurationSeconds);
        Assert.True(features.PreviousBuildFailed);
        Assert.Equal(2 / 3.0, features.FailureRatio, 9);
        Assert.Equal(2, features.ConsecutiveFailures);
        Assert.Equal(0, features.BuildsSinceLastFailure);
        Assert.Equal(0.5, features.CommitterFailureRatio, 9);
        Assert.Equal(60, features.MinutesSincePreviousBuild, 9);
        Assert.Equal(13, features.HourOfDay);
        Assert.True(features.IsMainBranch);
        Assert.False(features.IsPullRequest);
    }

    [Fact]
    public void Describe_FirstRunOfAWorkflow_HasNoPreviousBuild()
    {
        var features = BuildTimeModelDurationEstimator.Describe(Run(7, "CD", 5, 3), History);

        Assert.Null(features.PreviousBuildFailed);
        Assert.Equal(0, features.PreviousDurationSeconds);
    }

    [Fact]
    public async Task Estimate_ServedModel_AnswersWithItsPredictionAndInterval()
    {
        var registry = new TestModelRegistry().AddTrained(4);
        var model = (await registry.GetCurrentAsync()).BuildTime!;
        var run = Run(5, "CI", 4, 9);

        var estimate = await new BuildTimeModelDurationEstimator(registry, new MedianDurationEstimator()).EstimateAsync(run, History, CancellationToken.None);

        var prediction = model.Predict(BuildTimeModelDurationEstimator.Describe(run, History));
        // A TimeSpan holds 100 ns ticks: equal within a microsecond.
        Assert.Equal(prediction.Seconds, estimate!.Expected.TotalSeconds, 1e-6);
        Assert.Equal(prediction.LowerSeconds, estimate.Lower!.Value.TotalSeconds, 1e-6);
        Assert.Equal(prediction.UpperSeconds, estimate.Upper!.Value.TotalSeconds, 1e-6);
        Assert.Contains("build-time/v4", estimate.Method, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_ServedModel_FollowsThePreviousDuration()
    {
        var registry = new TestModelRegistry().AddTrained(1);
        var estimator = new BuildTimeModelDurationEstimator(registry, new MedianDurationEstimator());

        var afterShort = await estimator.EstimateAsync(Run(9, "CI", 20, 5), [Run(8, "CI", 19, 5)], CancellationToken.None);
        var afterLong = await estimator.EstimateAsync(Run(9, "CI", 20, 5), [Run(8, "CI", 19, 60)], CancellationToken.None);

        Assert.True(afterLong!.Expected > afterShort!.Expected + TimeSpan.FromMinutes(30), $"{afterShort.Expected} vs {afterLong.Expected}");
    }

    [Fact]
    public async Task Estimate_NoServedModel_FallsBackToTheMedianAndSaysSo()
    {
        var estimate = await new BuildTimeModelDurationEstimator(new TestModelRegistry(), new MedianDurationEstimator()).EstimateAsync(Run(5, "CI", 4, 9), History, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(6), estimate!.Expected);
        Assert.Null(estimate.Upper);
        Assert.Contains("median", estimate.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_PredictorsTakeOverFromTheMedian_WhicheverFeatureRegistersFirst()
    {
        foreach (var pipelinesFirst in new[] { true, false })
        {
            var services = new ServiceCollection();
            if (pipelinesFirst)
            {
                services.AddPipelines();
            }
            services.AddPredictors();
            services.AddPipelines();

            Assert.Equal(typeof(BuildTimeModelDurationEstimator), services.Single(d => d.ServiceType == typeof(IBuildDurationEstimator)).ImplementationType);
        }
    }
}
