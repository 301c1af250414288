using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Incidents.Reports;

public sealed record AnalysisFilter(string? Domain = null, string? Urgency = null, string? Analyst = null, string? Text = null, int Take = 200, string? Subject = null);

/// <summary>A stored analysis as pages and the API show it.</summary>
public sealed record StoredAnalysis(long Id, DateTimeOffset CreatedAt, string Trigger, string TriggerDetail, string? Application, AnalysisReport Report)
{
    /// <summary>The AnalysisSubject.Key it is about, when it is about one.</summary>
    public string? Subject { get; init; }
}

public sealed class AnalysisStore(IDbContextFactory<DashboardDbContext> contexts)
{
    public event Action<long>? Stored;

    public async Task<StoredAnalysis> SaveAsync(AnalysisReport report, string trigger, string triggerDetail, string? application, CancellationToken cancellationToken, string? subject = null)
    {
        var record = new AnalysisRecord
        {
            CreatedAt = report.GeneratedAt,
            Trigger = trigger,
            TriggerDetail = Cut(triggerDetail, 300),
            Domain = report.Domain.ToString(),
            Subject = subject is null ? null : Cut(subject, 300),
            Application = application is null ? null : Cut(application, 200),
            Urgency = report.Urgency.ToString(),
            Scope = report.Scope.ToString(),
            Analyst = report.Analyst,
            Model = report.Model,
            Fallback = report.Fallback is null ? null : Cut(report.Fallback, 1000),
            Summary = Cut(report.Summary, 2000),
            TopCause = Cut(report.RootCauses.FirstOrDefault()?.Category ?? "", 100),
            ContextDigest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(report.Redaction.SentText))),
            Prompt = report.Redaction.SentText,
            LatencyMilliseconds = report.LatencyMilliseconds,
            InputTokens = report.InputTokens,
            OutputTokens = report.OutputTokens,
            ReportJson = JsonSerializer.Serialize(report, IncidentJson.Options),
        };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Set<AnalysisRecord>().Add(record);
            await db.SaveChangesAsync(cancellationToken);
        }
        Stored?.Invoke(record.Id);
        return ToStored(record);
    }

    public async Task<StoredAnalysis?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<AnalysisRecord>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return record is null ? null : ToStored(record);
    }

    public async Task<IReadOnlyList<AnalysisRecord>> ListAsync(AnalysisFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<AnalysisRecord>().AsNoTracking();
        if (!string.IsNullOrEmpty(filter.Domain))
        {
            query = query.Where(a => a.Domain == filter.Domain);
        }
        if (!string.IsNullOrEmpty(filter.Subject))
        {
            query = query.Where(a => a.Subject == filter.Subject);
        }
        if (!string.IsNullOrEmpty(filter.Urgency))
        {
            query = query.Where(a => a.Urgency == filter.Urgency);
        }
        if (!string.IsNullOrEmpty(filter.Analyst))
        {
            query = query.Where(a => a.Analyst == filter.Analyst);
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(a => a.Summary.Contains(text) || a.TriggerDetail.Contains(text) || (a.Application != null && a.Application.Contains(text)) || a.TopCause.Contains(text));
        }
        return await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(Math.Clamp(filter.Take, 1, 1000)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AnalysisRecord>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AnalysisRecord>().AsNoTracking().Where(a => a.CreatedAt >= since).OrderByDescending(a => a.CreatedAt).Take(200).ToListAsync(cancellationToken);
    }

    private static StoredAnalysis ToStored(AnalysisRecord record) =>
        new(record.Id, record.CreatedAt, record.Trigger, record.TriggerDetail, record.Application, JsonSerializer.Deserialize<AnalysisReport>(record.ReportJson, IncidentJson.Options)!)
        {
            Subject = record.Subject,
        };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
