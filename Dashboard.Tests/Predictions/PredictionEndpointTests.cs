using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MlOpsDashboard.Dashboard.Tests.Support;
using static MlOpsDashboard.Dashboard.Tests.Predictions.PredictionRequests;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

public sealed class PredictionEndpointTests(PredictionApiFixture fixture) : IClassFixture<PredictionApiFixture>
{
    [Fact]
    public async Task PredictBuildTime_ValidBuild_PredictionWithIntervalAndModelVersion()
    {
        using var response = await PostAsync(fixture.Client, BuildTime, Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadAsync(response);
        var prediction = body.GetProperty("prediction");
        var seconds = prediction.GetProperty("predictedSeconds").GetDouble();
        Assert.InRange(seconds, prediction.GetProperty("lowerSeconds").GetDouble(), prediction.GetProperty("upperSeconds").GetDouble());
        Assert.Equal("ci-1234", prediction.GetProperty("buildId").GetString());
        Assert.Equal("build-time/v1", body.GetProperty("model").GetProperty("version").GetString());
        // No cluster in this test: the champion serves, and the response says why.
        Assert.Equal("registry-champion", body.GetProperty("model").GetProperty("source").GetString());
        Assert.Contains("Cluster:Mode=None", body.GetProperty("model").GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task PredictBuildTime_LargerChange_LongerPredictionDrivenByLinesAdded()
    {
        using var small = await PostAsync(fixture.Client, BuildTime, Build(linesAdded: 20));
        using var large = await PostAsync(fixture.Client, BuildTime, Build(linesAdded: 2_000));

        var smallBody = (await ReadAsync(small)).GetProperty("prediction");
        var largeBody = (await ReadAsync(large)).GetProperty("prediction");
        Assert.True(largeBody.GetProperty("predictedSeconds").GetDouble() > smallBody.GetProperty("predictedSeconds").GetDouble() + 600);
        Assert.Equal("linesAdded", largeBody.GetProperty("drivers")[0].GetProperty("feature").GetString());
        Assert.Contains(largeBody.GetProperty("recommendations").EnumerateArray(), r => r.GetProperty("code").GetString() == "split-change");
    }

    [Fact]
    public async Task PredictFailureRisk_RecentFailures_HigherRiskThanCleanHistory()
    {
        var clean = Build();
        clean["recentFailureRatio"] = 0;
        var failing = Build();
        failing["previousBuildFailed"] = true;
        failing["recentFailureRatio"] = 1;
        failing["fileFailureProbabilityMax"] = 0.9;

        using var cleanResponse = await PostAsync(fixture.Client, FailureRisk, clean);
        using var failingResponse = await PostAsync(fixture.Client, FailureRisk, failing);

        var low = (await ReadAsync(cleanResponse)).GetProperty("prediction");
        var failingBody = await ReadAsync(failingResponse);
        var high = failingBody.GetProperty("prediction");
        Assert.True(high.GetProperty("failureProbability").GetDouble() > low.GetProperty("failureProbability").GetDouble() + 0.2);
        Assert.True(high.GetProperty("likelyToFail").GetBoolean());
        Assert.Equal("failure-risk/v1", failingBody.GetProperty("model").GetProperty("version").GetString());
    }

    [Fact]
    public async Task SelectTests_TimeBudget_SelectsWithinBudgetAndReportsSavedTime()
    {
        using var response = await PostAsync(fixture.Client, TestSelection, Change(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadAsync(response);
        var selection = body.GetProperty("selection");
        var selectedSeconds = selection.GetProperty("selectedDurationSeconds").GetDouble();
        Assert.InRange(selectedSeconds, 1, 60);
        Assert.Equal(selection.GetProperty("totalDurationSeconds").GetDouble() - selectedSeconds, selection.GetProperty("savedSeconds").GetDouble(), 6);
        Assert.Equal(10, selection.GetProperty("ranked").GetArrayLength());
        Assert.Equal(selection.GetProperty("selectedCount").GetInt32(), selection.GetProperty("selected").GetArrayLength());
        Assert.Equal("test-selection/v1", body.GetProperty("model").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Batches_SeveralItems_OneAnswerPerItemInOrder()
    {
        using var builds = await PostAsync(fixture.Client, BuildTime + "/batch", new JsonObject { ["builds"] = new JsonArray(Build(10), Build(500), Build(3_000)) });
        using var risks = await PostAsync(fixture.Client, FailureRisk + "/batch", new JsonObject { ["builds"] = new JsonArray(Build(), Build()) });
        using var selections = await PostAsync(fixture.Client, TestSelection + "/batch", new JsonObject { ["changes"] = new JsonArray(Change(3), Change(4)) });

        var seconds = (await ReadAsync(builds)).GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("predictedSeconds").GetDouble()).ToList();
        Assert.Equal(3, seconds.Count);
        Assert.Equal(seconds.Order(), seconds);
        Assert.Equal(2, (await ReadAsync(risks)).GetProperty("predictions").GetArrayLength());
        Assert.Equal([3, 4], (await ReadAsync(selections)).GetProperty("selections").EnumerateArray().Select(s => s.GetProperty("ranked").GetArrayLength()));
    }

    [Fact]
    public async Task Predict_NoCredentials_401Problem()
    {
        using var anonymous = fixture.App.CreateClient();

        using var response = await PostAsync(anonymous, BuildTime, Build());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Predict_WrongKey_401WithInvalidToken()
    {
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key-0123456789");

        using var response = await PostAsync(client, BuildTime, Build());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Predict_ApiKeyHeader_Accepted()
    {
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", PredictionAppFactory.ApiKey);

        using var response = await PostAsync(client, FailureRisk, Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Predict_SignedInUser_Accepted()
    {
        using var browser = await SignedInClient.CreateAsync(fixture.App, "admin", DashboardAppFactory.AdminPassword);

        using var response = await PostAsync(browser, BuildTime, Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ApiKey_OtherDashboardApi_NotGranted()
    {
        using var response = await fixture.Client.GetAsync("/api/v1/connections");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesRoutesAndTypedBodies()
    {
        var document = await fixture.Client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/build-optimizer/predict", document);
        Assert.Contains("/api/v1/failure-predictor/predict/batch", document);
        Assert.Contains("/api/v1/test-intelligence/select", document);
        Assert.Contains("BuildFeaturesInput", document);
        Assert.Contains("TestSelectionResponse", document);
        Assert.Contains("HttpValidationProblemDetails", document);
        Assert.DoesNotContain("\"*/*\"", document);
    }

    [Fact]
    public async Task Metrics_AfterPredictions_RequestLatencyAndValueFigures()
    {
        using (await PostAsync(fixture.Client, BuildTime, Build()))
        {
        }
        using (await fixture.Client.PostAsync(BuildTime, Json("{}")))
        {
        }

        var metrics = await fixture.Client.GetStringAsync("/metrics");

        Assert.Contains("mlops_prediction_requests_total{model=\"build-time\",version=\"v1\",outcome=\"ok\"}", metrics);
        Assert.Contains("outcome=\"invalid\"", metrics);
        Assert.Contains("mlops_prediction_duration_seconds_bucket{model=\"build-time\"", metrics);
        Assert.Contains("mlops_predicted_build_seconds_count{version=\"v1\"}", metrics);
        Assert.Contains("mlops_prediction_log_dropped_total", metrics);
    }
}

public sealed class PredictionUnavailableTests : IAsyncLifetime
{
    private readonly PredictionAppFactory _app = new(new TestModelRegistry());

    public Task InitializeAsync() => _app.RefreshServedModelsAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Predict_NoModelLoadedYet_503ProblemDetails()
    {
        using var client = _app.CreateApiClient();

        using var response = await PostAsync(client, BuildTime, Build());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("build-time", (await ReadAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Predict_InvalidWhileNoModel_Still400()
    {
        using var client = _app.CreateApiClient();

        using var response = await PostAsync(client, FailureRisk, new JsonObject());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
