using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using static MlOpsDashboard.Dashboard.Tests.Predictions.PredictionRequests;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

public sealed class PredictionAnswerTests(PredictionApiFixture fixture) : IClassFixture<PredictionApiFixture>
{
    [Fact]
    public async Task PredictBuildTime_ValidBuild_OneJsonBodyWithItsContentLengthAsTheSerializerWritesIt()
    {
        using var response = await PostAsync(fixture.Client, BuildTime, Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Null(response.Headers.TransferEncodingChunked);
        var answer = JsonSerializer.Deserialize(bytes, PredictionJsonContext.Default.BuildTimeResponse)!;
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(answer, PredictionJsonContext.Default.BuildTimeResponse), bytes);
        Assert.Equal("build-time/v1", answer.Model.Version);
        Assert.NotEmpty(answer.Prediction.Drivers);
    }

    [Fact]
    public async Task Routes_EveryModelSingleAndBatch_AnswerWithContentLength()
    {
        foreach (var (route, body) in new (string, JsonObject)[]
        {
            (FailureRisk, Build()), (TestSelection, Change(3)),
            (BuildTime + "/batch", new JsonObject { ["builds"] = new JsonArray(Build(), Build(linesAdded: 400)) }),
            (FailureRisk + "/batch", new JsonObject { ["builds"] = new JsonArray(Build(), Build(linesAdded: 400)) }),
            (TestSelection + "/batch", new JsonObject { ["changes"] = new JsonArray(Change(2), Change(3)) }),
        })
        {
            using var response = await PostAsync(fixture.Client, route, body);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            using var json = JsonDocument.Parse(bytes);
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("traceId").GetString()));
        }
    }
}
