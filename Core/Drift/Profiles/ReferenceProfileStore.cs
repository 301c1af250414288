using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Drift.Profiles;

/// <summary>Reference profiles per model version; the training/registry side saves, the monitor reads.</summary>
public interface IReferenceProfileStore
{
    /// <summary>Saves or replaces the profile of its model version.</summary>
    Task SaveAsync(ReferenceProfile profile, CancellationToken cancellationToken);

    Task<ReferenceProfile?> GetAsync(string model, string version, CancellationToken cancellationToken);

    /// <summary>Every stored profile's model and version, newest first.</summary>
    Task<IReadOnlyList<(string Model, string Version, DateTimeOffset CreatedAt)>> ListAsync(CancellationToken cancellationToken);
}

internal sealed class ReferenceProfileStore(IDbContextFactory<DashboardDbContext> contexts) : IReferenceProfileStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task SaveAsync(ReferenceProfile profile, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = JsonSerializer.Serialize(profile, Json);
        var existing = await db.Set<ReferenceProfileRecord>().SingleOrDefaultAsync(p => p.Model == profile.Model && p.Version == profile.Version, cancellationToken);
        if (existing is null)
        {
            db.Add(new ReferenceProfileRecord { Model = profile.Model, Version = profile.Version, CreatedAt = profile.CreatedAt, Json = json });
        }
        else
        {
            existing.CreatedAt = profile.CreatedAt;
            existing.Json = json;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ReferenceProfile?> GetAsync(string model, string version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<ReferenceProfileRecord>().AsNoTracking().SingleOrDefaultAsync(p => p.Model == model && p.Version == version, cancellationToken);
        return record is null ? null : JsonSerializer.Deserialize<ReferenceProfile>(record.Json, Json);
    }

    public async Task<IReadOnlyList<(string Model, string Version, DateTimeOffset CreatedAt)>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ReferenceProfileRecord>().AsNoTracking()
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new { p.Model, p.Version, p.CreatedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Model, r.Version, r.CreatedAt))];
    }
}
