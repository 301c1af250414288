using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Dashboard.Api.Predictions;
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
            Assert.Equal(StrictBytes(route, bytes), bytes);
        }
    }

    [Fact]
    public void Serialize_AnswerWithNaNAndInfinity_WritesThemAsTheStrictContextDoes()
    {
        var answer = new BuildTimeResponse(
            new BuildTimeOutput("b-1", double.NaN, 10, double.PositiveInfinity, 0.9, [new DriverOutput("linesAdded", 40, double.NegativeInfinity)], []),
            new ServedModelInfo("build-time/v1", "gitops", "MODEL_VERSION=v1"),
            "trace");

        var bytes = PredictionJsonResult<BuildTimeResponse>.Serialize(answer, PredictionJsonContext.Default.BuildTimeResponse).ToArray();

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(answer, PredictionJsonContext.Default.BuildTimeResponse), bytes);
        Assert.Contains("\"NaN\"", System.Text.Encoding.UTF8.GetString(bytes));
    }

    /// <summary>The answer read back and written by the strict context (the one requests are read with).</summary>
    private static byte[] StrictBytes(string route, byte[] bytes) => route switch
    {
        FailureRisk => Reserialize(bytes, PredictionJsonContext.Default.FailureRiskResponse),
        TestSelection => Reserialize(bytes, PredictionJsonContext.Default.TestSelectionResponse),
        BuildTime + "/batch" => Reserialize(bytes, PredictionJsonContext.Default.BuildTimeBatchResponse),
        FailureRisk + "/batch" => Reserialize(bytes, PredictionJsonContext.Default.FailureRiskBatchResponse),
        TestSelection + "/batch" => Reserialize(bytes, PredictionJsonContext.Default.TestSelectionBatchResponse),
        _ => Reserialize(bytes, PredictionJsonContext.Default.BuildTimeResponse),
    };

    private static byte[] Reserialize<T>(byte[] bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize(bytes, type)!, type);
}
