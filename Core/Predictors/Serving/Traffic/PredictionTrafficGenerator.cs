using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Core.Predictors.Serving.Traffic;

public sealed record TrafficStatus(bool Running, string Detail, long Sent, long Failed, DataDriftShift? Drift);

/// <summary>
/// The sandbox's CI traffic: calls the app's own prediction API over loopback at
/// Predictions:Traffic:RequestsPerSecond, through the same authentication, validation, log and
/// metrics as any client. Builds are drawn from the served build-time version's reference profile
/// (<see cref="TrafficBuildSource"/>); the data-drift scenario (<see cref="StartDrift"/>) bends one
/// feature of every drawn build until cleared.
/// </summary>
public sealed class PredictionTrafficGenerator(
    IServer server,
    IHostApplicationLifetime lifetime,
    PredictionApiKeys keys,
    IOptions<PredictionApiOptions> options,
    IOptions<ClusterOptions> cluster,
    GitOpsVersion.ServedModelSelector selector,
    IReferenceProfileStore profiles,
    TimeProvider clock,
    ILogger<PredictionTrafficGenerator> logger) : BackgroundService
{
    private readonly Random _random = new(7);
    private readonly TrafficBuildSource _builds = new(() => selector.Current.BuildTime?.Predictor.Version, profiles, logger);
    private volatile DataDriftShift? _drift;
    private volatile string _detail = "not started";
    private volatile bool _running;
    private long _sent;
    private long _failed;

    public TrafficStatus Status => new(_running, _running ? $"{_detail}; builds from the {_builds.Describe}" : _detail, Interlocked.Read(ref _sent), Interlocked.Read(ref _failed), _drift);

    /// <summary>The data-drift scenario: from now on, traffic carries <paramref name="shift"/> (the default shift when null).</summary>
    public void StartDrift(DataDriftShift? shift = null)
    {
        var chosen = shift ?? DataDriftShift.Default;
        chosen.Apply(new Features.BuildFeatures());
        _drift = chosen;
        logger.LogInformation("Sandbox traffic drifts: {Feature} × {Scale} + {Offset}", chosen.Feature, chosen.Scale, chosen.Offset);
    }

    public void StopDrift() => _drift = null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rate = options.Value.Traffic.RequestsPerSecond;
        if (!cluster.Value.IsSandbox || rate <= 0)
        {
            _detail = rate <= 0 ? "off (Predictions:Traffic:RequestsPerSecond is 0)" : "off: the cluster is not the sandbox";
            return;
        }
        if (!await StartedAsync(stoppingToken) || LoopbackAddress() is not { } address)
        {
            _detail = "off: the app listens on no HTTP address";
            return;
        }
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keys.InternalKey);
        _running = true;
        _detail = $"{rate:0.##} requests/s to {address}";
        // Ticks of at least 50 ms; several requests per tick at high rates.
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, 1 / rate));
        var perTick = rate * interval.TotalSeconds;
        var owed = 0.0;
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                owed += perTick;
                for (; owed >= 1; owed--)
                {
                    await SendOneAsync(http, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _running = false;
        }
    }

    private async Task SendOneAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var features = await _builds.NextAsync(_random, cancellationToken);
        if (_drift is { } drift)
        {
            features = drift.Apply(features);
        }
        var pick = _random.NextDouble();
        HttpResponseMessage response;
        try
        {
            if (pick < 0.1)
            {
                var changed = SandboxTestCatalog.Modules.Where(_ => _random.NextDouble() < 0.25).Select(m => $"src/{m}/Changed.cs");
                var change = new TestSelectionInput
                {
                    ChangeId = $"sandbox-{_sent}",
                    Tests = [.. SandboxTestCatalog.ForChange(changed).Select(TestCaseInput.From)],
                    TimeBudgetSeconds = 600,
                };
                response = await http.PostAsJsonAsync("/api/v1/test-intelligence/select", change, PredictionJsonContext.Default.TestSelectionInput, cancellationToken);
            }
            else
            {
                var route = pick < 0.55 ? "/api/v1/build-optimizer/predict" : "/api/v1/failure-predictor/predict";
                response = await http.PostAsJsonAsync(route, BuildFeaturesInput.From(features, $"sandbox-{_sent}"), PredictionJsonContext.Default.BuildFeaturesInput, cancellationToken);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failed);
            _detail = $"last request failed: {e.Message}";
            return;
        }
        using (response)
        {
            Interlocked.Increment(ref _sent);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _failed);
                // 503 while the default models are still training is expected; anything else is worth a line.
                if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
                {
                    logger.LogWarning("Sandbox traffic got {Status} from {Route}", (int)response.StatusCode, response.RequestMessage?.RequestUri?.AbsolutePath);
                }
            }
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Uri? LoopbackAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var http = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (http is null || !Uri.TryCreate(http.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return null;
        }
        return uri;
    }
}
