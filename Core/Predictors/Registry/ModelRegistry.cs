using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Predictors.Registry;

/// <summary>
/// Model versions: files under <c>&lt;data&gt;/models/&lt;predictor&gt;/v&lt;n&gt;/</c>, facts in the
/// database, and the champion/challenger aliases. Promoting to production is a GitOps commit made
/// elsewhere; the registry only records and provides.
/// </summary>
public sealed class ModelRegistry(IDbContextFactory<DashboardDbContext> databases, IOptions<DataOptions> data, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly SemaphoreSlim _registering = new(1, 1);

    public string DataDirectory => data.Value.ResolvedDirectory;

    public async Task<ModelVersion> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default)
    {
        var kind = ModelVersionId.Slug(registration.Kind);
        // One registration at a time, so two trainings never take the same version number.
        await _registering.WaitAsync(cancellationToken);
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var number = (await db.Set<ModelVersionEntity>().Where(v => v.Kind == kind).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
            var relative = Path.Combine("models", kind, $"v{number}");
            var directory = Path.Combine(DataDirectory, relative);
            if (Directory.Exists(directory))
            {
                // Files left by a registration that failed before its row was written.
                Directory.Delete(directory, recursive: true);
            }
            Directory.CreateDirectory(directory);
            registration.SaveFiles(directory);
            if (registration.FeatureImportance.Features.Count > 0)
            {
                File.WriteAllText(Path.Combine(directory, FeatureImportanceSet.FileName), JsonSerializer.Serialize(registration.FeatureImportance, Json));
            }
            var entity = new ModelVersionEntity
            {
                Kind = kind,
                Number = number,
                Trainer = registration.Trainer,
                DataSource = registration.DataSource,
                Directory = relative.Replace('\\', '/'),
                MetricsJson = JsonSerializer.Serialize(registration.Metrics, Json),
                ReferenceProfileJson = JsonSerializer.Serialize(registration.Profile, Json),
                ProjectFiguresJson = JsonSerializer.Serialize(registration.ProjectFigures, Json),
                CreatedAt = clock.GetUtcNow(),
                Author = registration.Author,
            };
            db.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            return ToVersion(entity, []);
        }
        finally
        {
            _registering.Release();
        }
    }

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(PredictorKind? kind = null, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.Set<ModelVersionEntity>().AsNoTracking();
        if (kind is { } k)
        {
            var slug = ModelVersionId.Slug(k);
            query = query.Where(v => v.Kind == slug);
        }
        var rows = await query.ToListAsync(cancellationToken);
        var aliases = await db.Set<ModelAliasEntity>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenByDescending(r => r.Number)
            .Select(r => ToVersion(r, aliases.Where(a => a.Kind == r.Kind && a.Number == r.Number)))];
    }

    public async Task<ModelVersion?> GetAsync(ModelVersionId id, CancellationToken cancellationToken = default) =>
        (await ListAsync(id.Kind, cancellationToken)).FirstOrDefault(v => v.Id == id);

    public async Task<ModelVersion?> GetByAliasAsync(PredictorKind kind, ModelAlias alias, CancellationToken cancellationToken = default) =>
        (await ListAsync(kind, cancellationToken)).FirstOrDefault(v => v.Aliases.Contains(alias));

    public async Task<ReferenceProfile?> GetReferenceProfileAsync(ModelVersionId id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var slug = ModelVersionId.Slug(id.Kind);
        var json = await db.Set<ModelVersionEntity>().Where(v => v.Kind == slug && v.Number == id.Number).Select(v => v.ReferenceProfileJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<ReferenceProfile>(json, Json);
    }

    /// <summary>The feature importance stored with a version; empty when it has none (versions trained before it was computed).</summary>
    public async Task<FeatureImportanceSet> GetFeatureImportanceAsync(ModelVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var path = Path.Combine(version.Directory, FeatureImportanceSet.FileName);
        if (!File.Exists(path))
        {
            return FeatureImportanceSet.Empty;
        }
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<FeatureImportanceSet>(stream, Json, cancellationToken) ?? FeatureImportanceSet.Empty;
    }

    /// <summary>Points <paramref name="alias"/> of the version's predictor at it; the previous holder loses it.</summary>
    public async Task SetAliasAsync(ModelVersionId id, ModelAlias alias, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var slug = ModelVersionId.Slug(id.Kind);
        if (!await db.Set<ModelVersionEntity>().AnyAsync(v => v.Kind == slug && v.Number == id.Number, cancellationToken))
        {
            throw new KeyNotFoundException($"Model version {id} is not registered.");
        }
        var name = alias.ToString().ToLowerInvariant();
        var existing = await db.Set<ModelAliasEntity>().FirstOrDefaultAsync(a => a.Kind == slug && a.Alias == name, cancellationToken);
        if (existing is null)
        {
            db.Add(new ModelAliasEntity { Kind = slug, Alias = name, Number = id.Number });
        }
        else
        {
            existing.Number = id.Number;
        }
        // A version is champion or challenger, not both.
        var other = (alias == ModelAlias.Champion ? ModelAlias.Challenger : ModelAlias.Champion).ToString().ToLowerInvariant();
        var clash = await db.Set<ModelAliasEntity>().FirstOrDefaultAsync(a => a.Kind == slug && a.Alias == other && a.Number == id.Number, cancellationToken);
        if (clash is not null)
        {
            db.Remove(clash);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private ModelVersion ToVersion(ModelVersionEntity row, IEnumerable<ModelAliasEntity> aliases)
    {
        ModelVersionId.TryParse($"{row.Kind}/v{row.Number}", out var id);
        return new ModelVersion(id, row.Trainer, row.DataSource,
            JsonSerializer.Deserialize<Dictionary<string, double>>(row.MetricsJson, Json) ?? [],
            JsonSerializer.Deserialize<List<ProjectFigure>>(row.ProjectFiguresJson, Json) ?? [],
            row.CreatedAt, row.Author, Path.Combine(DataDirectory, row.Directory),
            [.. aliases.Select(a => Enum.Parse<ModelAlias>(a.Alias, ignoreCase: true)).Order()]);
    }
}
