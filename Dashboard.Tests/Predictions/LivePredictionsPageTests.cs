using Bunit;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;
using MlOpsDashboard.Dashboard.Components.Pages.Predictions;
using MlOpsDashboard.Dashboard.Components.Shared.Charts;
using MlOpsDashboard.Dashboard.Tests.Support;
using Plotly.Blazor.Traces;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

/// <summary>The live page against a real <see cref="PredictionFeed"/> that the test publishes into.</summary>
public sealed class LivePredictionsPageTests : BunitTestContext
{
    /// <summary>How long a published prediction may take to show: generous, since the wait ends as soon as it shows (5 s was once too short on a machine at load 20+).</summary>
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(20);
    private readonly PredictionFeed _feed = new(Options.Create(new PredictionApiOptions()));

    public LivePredictionsPageTests()
    {
        Services.AddSingleton(_feed);
        Services.AddSingleton<IOptions<PredictionApiOptions>>(Options.Create(new PredictionApiOptions()));
    }

    internal static PredictionRecord Build(int i, PredictorKind kind = PredictorKind.BuildTime, int version = 1, double? output = null)
    {
        var vector = new float[Core.Predictors.Features.BuildFeatureVector.Length];
        vector[1] = 100 * i;
        return new PredictionRecord(DateTimeOffset.UtcNow, new ModelVersionId(kind, version), "gitops", [vector],
            output ?? (kind == PredictorKind.BuildTime ? 60 * i : i / 100.0), i, $"trace-{kind}-{version}-{i}", "test");
    }

    [Fact]
    public void Render_PredictionsAlreadyInFeed_PercentilesCountAndNewestRowFirst()
    {
        for (var i = 1; i <= 100; i++)
        {
            _feed.Publish(Build(i));
        }

        var page = Render<LivePredictions>();

        Assert.Equal("100", page.Find("[data-testid=prediction-count]").TextContent);
        Assert.Equal("50 ms", page.Find("[data-testid=latency-p50]").TextContent);
        Assert.Equal("95 ms", page.Find("[data-testid=latency-p95]").TextContent);
        Assert.Equal("99 ms", page.Find("[data-testid=latency-p99]").TextContent);
        var first = page.Find("[data-prediction]");
        Assert.Equal("trace-BuildTime-1-100", first.GetAttribute("data-prediction"));
        Assert.Contains("+lines 10000", first.TextContent);
        Assert.Equal("6000 s", first.QuerySelector("[data-output]")!.TextContent);
        Assert.Empty(page.FindAll("[data-testid=no-predictions]"));
    }

    [Fact]
    public void Render_PredictionsAlreadyInFeed_HistogramCountsEveryPrediction()
    {
        for (var i = 1; i <= 40; i++)
        {
            _feed.Publish(Build(i));
        }

        var page = Render<LivePredictions>();

        var chart = page.FindComponents<DashboardChart>().Single(c => c.Instance.Name == "predicted-values");
        var bars = Assert.IsType<Bar>(Assert.Single(chart.Instance.CurrentData));
        Assert.Equal(LivePredictionStats.HistogramBins, bars.Y.Count);
        Assert.Equal(40, bars.Y.Sum(y => (int)y));
    }

    [Fact]
    public void Feed_PublishedAfterRender_RowsAndCountArriveWithoutReload()
    {
        var page = Render<LivePredictions>();
        Assert.NotNull(page.Find("[data-testid=no-predictions]"));

        _feed.Publish(Build(1));
        _feed.Publish(Build(2));
        _feed.Publish(Build(3));

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=prediction-count]").TextContent), Arrival);
        Assert.Equal("trace-BuildTime-1-3", page.Find("[data-prediction]").GetAttribute("data-prediction"));
        Assert.Empty(page.FindAll("[data-testid=no-predictions]"));
        Assert.NotEqual("0.0 req/s", page.Find("[data-testid=throughput]").TextContent);
    }

    [Fact]
    public async Task Selector_OneVersionChosen_OnlyThatVersionsPredictions()
    {
        _feed.Publish(Build(1, version: 1));
        _feed.Publish(Build(2, version: 2));
        _feed.Publish(Build(3, version: 2));
        _feed.Publish(Build(4, PredictorKind.FailureRisk, version: 1));
        var page = Render<LivePredictions>();
        Assert.Equal("3", page.Find("[data-testid=prediction-count]").TextContent);
        Assert.Contains("build-time/v2", page.Instance.Choices);
        Assert.Contains("failure-risk/v1", page.Instance.Choices);

        await page.InvokeAsync(() => page.Instance.SelectAsync("build-time/v2"));

        Assert.Equal("2", page.Find("[data-testid=prediction-count]").TextContent);
        Assert.All(page.FindAll("[data-prediction]"), row => Assert.Contains("build-time/v2", row.TextContent));

        await page.InvokeAsync(() => page.Instance.SelectAsync("failure-risk"));

        var risk = Assert.Single(page.FindAll("[data-prediction]"));
        Assert.Equal("4.0 % risk", risk.QuerySelector("[data-output]")!.TextContent);
    }

    [Fact]
    public async Task Dispose_ListenerRunning_StopsAndLaterPublishesAreHarmless()
    {
        var page = Render<LivePredictions>();
        _feed.Publish(Build(1));
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=prediction-count]").TextContent), Arrival);

        var disposal = page.Instance.DisposeAsync().AsTask();

        Assert.Same(disposal, await Task.WhenAny(disposal, Task.Delay(Arrival)));
        _feed.Publish(Build(2));
        Assert.Equal(2, _feed.Snapshot().Count);
    }
}
