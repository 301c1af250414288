using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;
using MlOpsDashboard.Core.Storage;
using static MlOpsDashboard.Dashboard.Tests.Predictions.PredictionRequests;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

public sealed class PredictionLogTests
{
    [Fact]
    public void Record_ChannelFull_DropsAndCountsWithoutWaiting()
    {
        var options = Options.Create(new PredictionApiOptions { Log = new PredictionLogOptions { Capacity = 10, RecentCount = 50 } });
        var feed = new PredictionFeed(options);
        var log = new PredictionLog(options, feed);
        var dropped = 0;
        log.EntryDropped += _ => dropped++;

        var accepted = Enumerable.Range(0, 100).Count(i => log.Record(Entry(i)));

        Assert.Equal(10, accepted);
        Assert.Equal(90, log.Dropped);
        Assert.Equal(90, dropped);
        Assert.Equal(10, log.Pending);
        Assert.Equal(50, feed.Snapshot().Count);
        Assert.Equal(99, feed.Snapshot()[^1].Output);
    }

    [Fact]
    public async Task Api_LogOverloaded_EveryRequestAnsweredAndEveryEntryWrittenOrCounted()
    {
        await using var app = new PredictionAppFactory(new TestModelRegistry().AddTrained(1), new Dictionary<string, string?>
        {
            ["Predictions:Log:Capacity"] = "1",
            ["Predictions:Log:BatchSize"] = "1",
        });
        using var client = app.CreateApiClient();
        await app.RefreshServedModelsAsync();
        var log = app.Services.GetRequiredService<PredictionLog>();
        const int Requests = 300;

        var statuses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            using var response = await PostAsync(client, BuildTime, Build(linesAdded: i));
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await Eventually(() => Assert.Equal(Requests, log.Written + log.Dropped + log.FailedWrites));
        Assert.True(log.Dropped > 0, "a one-entry queue under 300 concurrent requests should overflow");
        Assert.Equal(0, log.FailedWrites);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.Equal(log.Written, await db.Set<PredictionLogEntry>().CountAsync());
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains($"mlops_prediction_log_dropped_total {log.Dropped}", metrics);
    }

    [Fact]
    public async Task Reader_WindowOfServedVersion_RowsInFeatureOrderWithOutputs()
    {
        await using var app = new PredictionAppFactory(new TestModelRegistry().AddTrained(1));
        using var client = app.CreateApiClient();
        await app.RefreshServedModelsAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (var lines in new[] { 10, 20, 30 })
        {
            using var _ = await PostAsync(client, FailureRisk, Build(linesAdded: lines));
        }
        using (await PostAsync(client, TestSelection, Change(4)))
        {
        }
        var log = app.Services.GetRequiredService<PredictionLog>();
        await Eventually(() => Assert.Equal(4, log.Written));
        var reader = app.Services.GetRequiredService<IPredictionLogReader>();

        var risk = await reader.ReadWindowAsync(new ModelVersionId(PredictorKind.FailureRisk, 1), from, DateTimeOffset.UtcNow.AddMinutes(1));
        var tests = await reader.ReadWindowAsync(new ModelVersionId(PredictorKind.TestSelection, 1), from, DateTimeOffset.UtcNow.AddMinutes(1));
        var none = await reader.ReadWindowAsync(new ModelVersionId(PredictorKind.FailureRisk, 2), from, DateTimeOffset.UtcNow.AddMinutes(1));

        var linesAdded = BuildFeatureVector.Names.ToList().IndexOf(nameof(BuildFeatures.LinesAdded));
        Assert.Equal([10f, 20f, 30f], risk.Rows.Select(r => r[linesAdded]).Order());
        Assert.Equal(3, risk.Outputs.Count);
        Assert.All(risk.Outputs, p => Assert.InRange(p, 0, 1));
        Assert.Equal(4, tests.Rows.Count);
        Assert.Equal(TestCaseFeatureVector.Length, tests.Rows[0].Length);
        Assert.Empty(none.Rows);
        Assert.Equal([(new ModelVersionId(PredictorKind.FailureRisk, 1), 3)], await reader.VersionsServedAsync(PredictorKind.FailureRisk, from, DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task Retention_OldEntries_Deleted()
    {
        await using var app = new PredictionAppFactory(new TestModelRegistry().AddTrained(1), new Dictionary<string, string?> { ["Predictions:Log:RetentionDays"] = "1" });
        using var client = app.CreateApiClient();
        await app.RefreshServedModelsAsync();
        using (await PostAsync(client, BuildTime, Build()))
        {
        }
        var log = app.Services.GetRequiredService<PredictionLog>();
        await Eventually(() => Assert.Equal(1, log.Written));
        var writer = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PredictionLogWriter>().Single();

        Assert.Equal(0, await writer.DeleteExpiredAsync(DateTimeOffset.UtcNow.AddHours(23), CancellationToken.None));
        Assert.Equal(1, await writer.DeleteExpiredAsync(DateTimeOffset.UtcNow.AddHours(25), CancellationToken.None));
    }

    private static PredictionRecord Entry(int i) =>
        new(DateTimeOffset.UtcNow, new ModelVersionId(PredictorKind.BuildTime, 1), "registry-champion", [[i]], i, 0.01, "trace", "test");

    internal static async Task Eventually(Action assertion, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
