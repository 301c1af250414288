using MlOpsDashboard.Core.Delivery.Audit;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly AuditLog _log;

    public AuditLogTests() => _log = new AuditLog(_database, TimeProvider.System);

    public void Dispose() => _database.Dispose();

    private Task<AuditEntry> RecordAsync(string user, string app, AuditAction action, AuditOutcome outcome, DateTimeOffset at, string reason = "because") =>
        _log.RecordAsync(new AuditEntry { User = user, Role = "operator", Application = app, Action = action, Outcome = outcome, At = at, Summary = "s", Reason = reason });

    [Fact]
    public async Task Query_Filters_CombineAndReturnNewestFirst()
    {
        var t = new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
        await RecordAsync("alice", "a", AuditAction.Promote, AuditOutcome.Committed, t);
        await RecordAsync("alice", "a", AuditAction.Rollback, AuditOutcome.Committed, t.AddHours(1));
        await RecordAsync("bob", "a", AuditAction.Promote, AuditOutcome.Conflict, t.AddHours(2));
        await RecordAsync("alice", "b", AuditAction.Promote, AuditOutcome.Committed, t.AddHours(3));

        var alicesOnA = await _log.QueryAsync(new AuditQuery { User = "alice", Application = "a" });
        var promotions = await _log.QueryAsync(new AuditQuery { Action = AuditAction.Promote, Outcome = AuditOutcome.Committed });
        var window = await _log.QueryAsync(new AuditQuery { From = t.AddMinutes(30), To = t.AddHours(2) });

        Assert.Equal([AuditAction.Rollback, AuditAction.Promote], alicesOnA.Select(e => e.Action));
        Assert.Equal(["b", "a"], promotions.Select(e => e.Application));
        Assert.Equal(["alice"], window.Select(e => e.User));
    }

    [Fact]
    public async Task Csv_QuotesCommasAndNewlinesAndDefusesFormulas()
    {
        var entry = await RecordAsync("alice", "a", AuditAction.Promote, AuditOutcome.Committed, DateTimeOffset.UnixEpoch, "=HYPERLINK(\"x\"), then\nmore");

        var csv = AuditLog.ToCsv([entry]);

        var lines = csv.Split("\r\n");
        Assert.Equal("at,user,role,action,application,summary,reason,outcome,commit,pull_request,detail", lines[0]);
        Assert.StartsWith("1970-01-01T00:00:00Z,alice,operator,Promote,a,s,\"'=HYPERLINK(\"\"x\"\"), then\nmore\",Committed,,,", lines[1] + "\r\n" + lines[2]);
    }
}
