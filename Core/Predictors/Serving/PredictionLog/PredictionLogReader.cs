using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

/// <summary>
/// The features one model version was served in a time window, as rows in the predictor's column
/// order (<see cref="FeatureNames"/>), and its outputs: what drift detection compares with the
/// version's reference profile. A test selection contributes one row per test case.
/// </summary>
public sealed record ServedFeatureWindow(
    ModelVersionId Model,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<float[]> Rows,
    IReadOnlyList<double> Outputs,
    int Predictions);

public interface IPredictionLogReader
{
    /// <summary>Served features of <paramref name="model"/> with <c>from &lt;= timestamp &lt; to</c>, newest <paramref name="maxPredictions"/> at most.</summary>
    Task<ServedFeatureWindow> ReadWindowAsync(ModelVersionId model, DateTimeOffset from, DateTimeOffset to, int maxPredictions = 100_000, CancellationToken cancellationToken = default);

    /// <summary>The versions of <paramref name="kind"/> that served predictions in the window, with their counts.</summary>
    Task<IReadOnlyList<(ModelVersionId Model, int Predictions)>> VersionsServedAsync(PredictorKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

internal sealed class PredictionLogReader(IDbContextFactory<DashboardDbContext> databases) : IPredictionLogReader
{
    public async Task<ServedFeatureWindow> ReadWindowAsync(ModelVersionId model, DateTimeOffset from, DateTimeOffset to, int maxPredictions = 100_000, CancellationToken cancellationToken = default)
    {
        var slug = ModelVersionId.Slug(model.Kind);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var entries = await db.Set<PredictionLogEntry>().AsNoTracking()
            .Where(e => e.Model == slug && e.Version == model.Number && e.Timestamp >= from && e.Timestamp < to)
            .OrderByDescending(e => e.Timestamp)
            .Take(maxPredictions)
            .Select(e => new { e.Features, e.Output })
            .ToListAsync(cancellationToken);
        var rows = new List<float[]>(entries.Count);
        foreach (var entry in entries)
        {
            rows.AddRange(JsonSerializer.Deserialize(entry.Features, PredictionJsonContext.Default.SingleArrayArray) ?? []);
        }
        var names = model.Kind == PredictorKind.TestSelection ? TestCaseFeatureVector.Names : BuildFeatureVector.Names;
        return new ServedFeatureWindow(model, from, to, names, rows, [.. entries.Select(e => e.Output)], entries.Count);
    }

    public async Task<IReadOnlyList<(ModelVersionId Model, int Predictions)>> VersionsServedAsync(PredictorKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var slug = ModelVersionId.Slug(kind);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var counts = await db.Set<PredictionLogEntry>().AsNoTracking()
            .Where(e => e.Model == slug && e.Timestamp >= from && e.Timestamp < to)
            .GroupBy(e => e.Version)
            .Select(g => new { Version = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. counts.OrderBy(c => c.Version).Select(c => (new ModelVersionId(kind, c.Version), c.Count))];
    }
}
