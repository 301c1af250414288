using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MlOpsDashboard.Core.Drift;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

/// <summary>Every SQL command the contexts run, by text.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Note(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Note(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    private void Note(DbCommand command) => _commands.Enqueue(command.CommandText);
}

/// <summary>The in-process served values, counting the windows read.</summary>
public sealed class CountingServedSource : IServedFeatureSource
{
    private int _reads;

    public InMemoryServedFeatureSource Rows { get; } = new();

    public int Reads => Volatile.Read(ref _reads);

    public void Clear() => Interlocked.Exchange(ref _reads, 0);

    public Task<ServedWindow> ReadWindowAsync(string model, string version, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Rows.ReadWindowAsync(model, version, start, end, cancellationToken);
    }
}

/// <summary>
/// A drift monitor over a real migrated SQLite file, the real profile store and a clock the test
/// moves; <see cref="Restart"/> gives a new monitor (nothing remembered) over the same database.
/// </summary>
public sealed class DriftMonitorHarness : IDisposable
{
    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;

    public DriftMonitorHarness(DateTimeOffset now)
    {
        Clock = new FixedClock(now);
        _database = new TestDatabase(Commands);
        _services = new ServiceCollection()
            .AddSingleton<IDbContextFactory<DashboardDbContext>>(_database)
            .AddScoped(_ => _database.CreateDbContext())
            .AddSingleton<IServedFeatureSource>(Served)
            .AddDriftReferenceProfiles()
            .BuildServiceProvider();
        Monitor = Restart();
    }

    internal FixedClock Clock { get; }

    public CommandLog Commands { get; } = new();

    public CountingServedSource Served { get; } = new();

    public DriftMonitor Monitor { get; private set; }

    public DriftOptions Options { get; } = new() { WindowMinutes = 60, MinimumRows = 30, LookbackWindows = 24 };

    public IReferenceProfileStore Profiles => _services.GetRequiredService<IReferenceProfileStore>();

    public DriftMonitor Restart() => Monitor = new DriftMonitor(_services.GetRequiredService<IServiceScopeFactory>(),
        Microsoft.Extensions.Options.Options.Create(Options), Clock, NullLogger<DriftMonitor>.Instance);

    public Task<int> PassAsync() => Monitor.RunOnceAsync(CancellationToken.None);

    public async Task<List<DriftResultRecord>> ResultsAsync()
    {
        await using var db = _services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();
        return await db.Set<DriftResultRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    public void ClearCounts()
    {
        Commands.Clear();
        Served.Clear();
    }

    public void Dispose()
    {
        _services.Dispose();
        _database.Dispose();
    }
}
