using System.Net;
using System.Text.Json.Nodes;
using static MlOpsDashboard.Dashboard.Tests.Predictions.PredictionRequests;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

public sealed class PredictionApiFixture : IAsyncLifetime
{
    public PredictionAppFactory App { get; } = new(new TestModelRegistry().AddTrained(1), new Dictionary<string, string?>
    {
        ["Predictions:MaxBatchSize"] = "5",
        ["Predictions:MaxBodyBytes"] = "8192",
        ["Predictions:MaxTestsPerChange"] = "50",
    });

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = App.CreateApiClient();
        await App.RefreshServedModelsAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The validation matrix: every kind of bad input is a 400 naming each wrong field, never a crash.</summary>
public sealed class PredictionValidationTests(PredictionApiFixture fixture) : IClassFixture<PredictionApiFixture>
{
    public static TheoryData<string, string, string[]> BadBuilds => new()
    {
        { "missing everything", "{}", ["commits", "dayOfWeek", "filesModified", "hourOfDay", "isMainBranch", "isPullRequest", "linesAdded", "linesDeleted"] },
        { "negative", With("linesAdded", -5), ["linesAdded"] },
        { "NaN", With("linesAdded", "NaN"), ["linesAdded"] },
        { "infinity", With("previousDurationSeconds", "Infinity"), ["previousDurationSeconds"] },
        { "negative optional field", With("recentPassedDurationSeconds", -1), ["recentPassedDurationSeconds"] },
        { "out of range", With("hourOfDay", 24, "dayOfWeek", 7, "failureRatio", 1.5), ["dayOfWeek", "failureRatio", "hourOfDay"] },
        { "unknown fields", With("linesAddedd", 3, "flakyTests", 1), ["flakyTests", "linesAddedd"] },
        { "wrong types", With("linesAdded", "many", "isPullRequest", "yes"), ["isPullRequest", "linesAdded"] },
        { "not JSON", "{\"linesAdded\": ", ["body"] },
        { "null", "null", ["body"] },
        { "array instead of object", "[1,2]", ["body"] },
        { "too long build id", With("buildId", new string('x', 201)), ["buildId"] },
    };

    [Theory]
    [MemberData(nameof(BadBuilds))]
    public async Task PredictBuildTime_BadInput_400NamingEachWrongField(string because, string body, string[] fields)
    {
        using var response = await fixture.Client.PostAsync(BuildTime, Json(body));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fields, await ErrorFieldsAsync(response));
    }

    [Theory]
    [MemberData(nameof(BadBuilds))]
    public async Task PredictFailureRisk_BadInput_400NamingEachWrongField(string because, string body, string[] fields)
    {
        using var response = await fixture.Client.PostAsync(FailureRisk, Json(body));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Equal(fields, await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task PredictBatch_OverMaxBatchSize_400NamingBuilds()
    {
        var builds = new JsonArray([.. Enumerable.Range(0, 6).Select(_ => (JsonNode)Build())]);

        using var response = await PostAsync(fixture.Client, BuildTime + "/batch", new JsonObject { ["builds"] = builds });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["builds"], await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task PredictBatch_BadItems_400NamingItemAndField()
    {
        var second = Build();
        second["linesAdded"] = -1;
        var third = Build();
        third.Remove("commits");
        third["typo"] = true;

        using var response = await PostAsync(fixture.Client, FailureRisk + "/batch", new JsonObject { ["builds"] = new JsonArray(Build(), second, third) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["builds[2].typo"], await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task PredictBatch_ValuesWrongInSeveralItems_EachNamed()
    {
        var second = Build();
        second["linesAdded"] = -1;
        var third = Build();
        third.Remove("commits");

        using var response = await PostAsync(fixture.Client, FailureRisk + "/batch", new JsonObject { ["builds"] = new JsonArray(Build(), second, third) });

        Assert.Equal(["builds[1].linesAdded", "builds[2].commits"], await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Predict_BodyOverLimit_400NamingBody()
    {
        var body = Build();
        body["buildId"] = new string('x', 9_000);

        using var response = await PostAsync(fixture.Client, BuildTime, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Predict_NotJsonContentType_415Problem()
    {
        using var response = await fixture.Client.PostAsync(BuildTime, new StringContent(Build().ToJsonString(), System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SelectTests_BadChange_400NamingEachWrongField()
    {
        var change = Change(3);
        change["probabilityThreshold"] = 1.2;
        var tests = change["tests"]!.AsArray();
        tests[1]!["name"] = "Suite.Test0";
        tests[2]!["previousFailures"] = 80;
        tests[2]!["durationSeconds"] = -3;

        using var response = await PostAsync(fixture.Client, TestSelection, change);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["probabilityThreshold", "tests[1].name", "tests[2].durationSeconds", "tests[2].previousFailures"], await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task SelectTests_TooManyOrNoTests_400NamingTests()
    {
        using var tooMany = await PostAsync(fixture.Client, TestSelection, Change(51));
        using var none = await PostAsync(fixture.Client, TestSelection, new JsonObject { ["tests"] = new JsonArray() });

        Assert.Equal(["tests"], await ErrorFieldsAsync(tooMany));
        Assert.Equal(["tests"], await ErrorFieldsAsync(none));
    }

    [Fact]
    public async Task Validate_GoodBuild_200WithoutPredicting()
    {
        using var response = await PostAsync(fixture.Client, "/api/v1/build-optimizer/validate", Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await ReadAsync(response)).GetProperty("valid").GetBoolean());
    }

    private static string With(params object[] pairs)
    {
        var build = Build();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            build[(string)pairs[i]] = JsonValue.Create(pairs[i + 1]);
        }
        return build.ToJsonString();
    }
}
