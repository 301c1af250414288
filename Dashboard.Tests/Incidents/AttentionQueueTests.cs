using System.Net.Http.Headers;
using System.Text;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Attention;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

public sealed class AttentionQueueTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Incidents:WebhookToken"] = "t0ken-for-queue",
        ["Incidents:AnalyzeFiringAlerts"] = "false",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Queue_FiringAlerts_OrderedBySeverityAcknowledgedLastSnoozedHidden()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "t0ken-for-queue");
        await client.PostAsync("/api/v1/alerts", new StringContent(Payload("warning", "w1"), Encoding.UTF8, "application/json"));
        await client.PostAsync("/api/v1/alerts", new StringContent(Payload("critical", "c1"), Encoding.UTF8, "application/json"));
        await client.PostAsync("/api/v1/alerts", new StringContent(Payload("info", "i1"), Encoding.UTF8, "application/json"));
        var queue = _app.Services.GetRequiredService<AttentionQueue>();

        var items = await queue.GetAsync(CancellationToken.None);
        Assert.Equal([Urgency.P0, Urgency.P1, Urgency.P2], items.Select(i => i.Severity));

        await queue.AcknowledgeAsync(items[0].Key, "oncall", CancellationToken.None);
        await queue.SnoozeAsync(items[1].Key, "oncall", "known, fix deploying", DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
        var after = await queue.GetAsync(CancellationToken.None);

        Assert.Equal([Urgency.P2, Urgency.P0], after.Select(i => i.Severity));
        Assert.Equal("oncall", after[1].AcknowledgedBy);
        await Assert.ThrowsAsync<ArgumentException>(() => queue.SnoozeAsync(items[2].Key, "oncall", " ", DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None));
    }

    private static string Payload(string severity, string fingerprint) => $$"""
        {"version":"4","groupKey":"g-{{fingerprint}}","status":"firing","receiver":"mlops-dashboard","alerts":[
          {"status":"firing","fingerprint":"{{fingerprint}}","startsAt":"2026-11-24T01:00:00Z",
           "labels":{"alertname":"Alert{{severity}}","severity":"{{severity}}"},"annotations":{"summary":"{{severity}} alert"} } ] }
        """;
}
