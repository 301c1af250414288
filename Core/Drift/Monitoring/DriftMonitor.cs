using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Drift.Statistics;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Drift.Monitoring;

/// <summary>
/// Every <see cref="DriftOptions.IntervalSeconds"/>, compares each completed window of served
/// values of every profiled model version with its reference profile, stores one result per
/// feature, updates <c>mlops_drift_score</c> and tells the attention sinks when drift starts.
/// One DI scope per pass (the DbContext is scoped).
/// </summary>
public sealed class DriftMonitor(
    IServiceScopeFactory scopes,
    IOptions<DriftOptions> options,
    TimeProvider clock,
    ILogger<DriftMonitor> logger) : BackgroundService
{
    // Passes never overlap: the timer's and one asked for from outside compute the same windows.
    private readonly SemaphoreSlim _pass = new(1, 1);

    // Guarded by _pass.
    private readonly DriftPassMemory _memory = new();

    /// <summary>When the last pass finished, for the page ("checked at") and for tests waiting on start-up.</summary>
    public DateTimeOffset? LastPassAt { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A database still migrating or a bad profile must not stop monitoring for good.
                logger.LogError(e, "Drift monitoring pass failed; trying again in {Seconds} s", options.Value.IntervalSeconds);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One pass over every profiled model version; returns how many windows it computed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            return await RunPassAsync(cancellationToken);
        }
        finally
        {
            LastPassAt = clock.GetUtcNow();
            _pass.Release();
        }
    }

    private async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var profiles = services.GetRequiredService<IReferenceProfileStore>();
        var length = TimeSpan.FromMinutes(options.Value.WindowMinutes);
        var listed = await profiles.ListAsync(cancellationToken);
        _memory.KeepOnly(listed);
        var computed = 0;
        // Oldest first, so the newest version of a model is the one its gauge shows last.
        foreach (var (model, version, createdAt) in listed.Reverse())
        {
            var memory = _memory.For(model, version, createdAt);
            if (!memory.HasWindowDue(clock.GetUtcNow(), length))
            {
                continue;
            }
            // Parsed once per stored profile; a profile saved again has a new CreatedAt and a new memory.
            memory.Profile ??= await profiles.GetAsync(model, version, cancellationToken);
            if (memory.Profile is { } profile)
            {
                computed += await MonitorVersionAsync(services, profile, memory, length, cancellationToken);
            }
        }
        return computed;
    }

    private async Task<int> MonitorVersionAsync(IServiceProvider services, ReferenceProfile profile, VersionMemory memory, TimeSpan length, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var db = services.GetRequiredService<DashboardDbContext>();
        var source = services.GetRequiredService<IServedFeatureSource>();
        var results = db.Set<DriftResultRecord>();
        var lastEnd = await results.Where(r => r.Model == profile.Model && r.Version == profile.Version)
            .OrderByDescending(r => r.WindowEnd).Select(r => (DateTimeOffset?)r.WindowEnd).FirstOrDefaultAsync(cancellationToken);
        var computed = 0;
        var passAt = clock.GetUtcNow();
        foreach (var window in DriftWindows.Due(passAt, length, lastEnd, settings.LookbackWindows))
        {
            if (memory.IsSettledSparse(window))
            {
                continue;
            }
            var served = await source.ReadWindowAsync(profile.Model, profile.Version, window.Start, window.End, cancellationToken);
            var drifts = DriftEvaluator.Evaluate(profile, served, settings.MinimumRows);
            if (drifts.Count == 0)
            {
                memory.NoteSparse(window, passAt);
                continue;
            }
            var previouslyDrifted = await results.AnyAsync(r => r.Model == profile.Model && r.Version == profile.Version
                && r.WindowEnd == window.Start && r.Drifted, cancellationToken);
            var now = clock.GetUtcNow();
            results.AddRange(drifts.Select(d => new DriftResultRecord
            {
                Model = profile.Model, Version = profile.Version, Feature = d.Drift.Feature, Statistic = d.Drift.Statistic.ToString(),
                Score = d.Drift.Score, Threshold = d.Drift.Threshold, Drifted = d.Drift.Drifted,
                WindowStart = window.Start, WindowEnd = window.End, Rows = d.Rows, ComputedAt = now,
            }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            computed++;
            foreach (var (drift, _) in drifts)
            {
                DriftMetrics.Set(profile.Model, drift);
            }
            var drifted = drifts.Where(d => d.Drift.Drifted).Select(d => d.Drift.Feature).ToList();
            if (drifted.Count > 0 && !previouslyDrifted)
            {
                await RaiseAsync(services, new DriftStarted(profile.Model, profile.Version, window, drifted,
                    ColumnDriftTests.DatasetDrift([.. drifts.Select(d => d.Drift)])), cancellationToken);
            }
        }
        memory.NotePassed(passAt, length, settings.LookbackWindows);
        return computed;
    }

    private async Task RaiseAsync(IServiceProvider services, DriftStarted started, CancellationToken cancellationToken)
    {
        logger.LogWarning("Drift started on {Model} {Version} in the window from {Start:u}: {Features}",
            started.Model, started.Version, started.Window.Start, string.Join(", ", started.DriftedFeatures));
        foreach (var sink in services.GetServices<IDriftAttentionSink>())
        {
            try
            {
                await sink.DriftStartedAsync(started, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Attention sink {Sink} failed for drift on {Model} {Version}", sink.GetType().Name, started.Model, started.Version);
            }
        }
    }
}
