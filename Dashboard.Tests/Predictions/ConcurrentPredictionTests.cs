using System.Net;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.Traffic;
using static MlOpsDashboard.Dashboard.Tests.Predictions.PredictionRequests;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

public sealed class ConcurrentPredictionTests(PredictionApiFixture fixture) : IClassFixture<PredictionApiFixture>
{
    [Fact]
    public async Task Predict_ManyConcurrentRequests_EachGetsItsOwnBuildsAnswer()
    {
        var random = new Random(11);
        var builds = Enumerable.Range(0, 400).Select(_ => SyntheticBuildDistribution.Sample(random)).ToList();
        var model = (await fixture.App.Registry.GetCurrentAsync()).BuildTime!;

        var answers = await Task.WhenAll(builds.Select(async (build, i) =>
        {
            var body = System.Text.Json.JsonSerializer.Serialize(BuildFeaturesInput.From(build, $"b{i}"), PredictionJsonContext.Default.BuildFeaturesInput);
            using var response = await fixture.Client.PostAsync(BuildTime, Json(body));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await ReadAsync(response)).GetProperty("prediction");
        }));

        for (var i = 0; i < builds.Count; i++)
        {
            Assert.Equal($"b{i}", answers[i].GetProperty("buildId").GetString());
            Assert.Equal(model.Predict(builds[i]).Seconds, answers[i].GetProperty("predictedSeconds").GetDouble(), 6);
        }
    }
}
