using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;
using MlOpsDashboard.Core.Sandbox.Platform;

namespace MlOpsDashboard.Core.Sandbox;

/// <summary>
/// The simulated K3s + Argo CD platform: a git repository, two nodes, a reconciler and kubelets,
/// all behind a real Kubernetes REST API on loopback. The dashboard reaches it with the same
/// KubernetesClient code as a real cluster, through the kubeconfig written to the data directory.
/// One loop runs every simulation step, so the simulated cluster never races with itself.
/// </summary>
public sealed class SandboxPlatform : BackgroundService
{
    private readonly SandboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SandboxPlatform> _logger;
    private readonly SandboxKubernetesApiServer _server;
    private readonly WorkloadSimulator _simulator;
    private readonly ArgoReconciler _reconciler;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource<SandboxKubernetesApiEndpoint> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SandboxPlatform(IOptions<SandboxOptions> options, IOptions<DataOptions> data, SandboxScenarios scenarios, TimeProvider clock, ILoggerFactory loggers)
    {
        _options = options.Value;
        _clock = clock;
        _logger = loggers.CreateLogger<SandboxPlatform>();
        Folder = Path.Combine(data.Value.ResolvedDirectory, "sandbox");
        Repository = new SandboxRepository(Path.Combine(Folder, "manifests.git"));
        Store = new SandboxObjectStore(timeProvider: clock);
        Scenarios = scenarios;
        var events = new SandboxEvents(Store, clock);
        _server = new SandboxKubernetesApiServer(Store, timeProvider: clock);
        _simulator = new WorkloadSimulator(Store, events, scenarios, clock);
        _reconciler = new ArgoReconciler(Store, Repository, events, _options, clock, loggers.CreateLogger<ArgoReconciler>());
        ScenarioEffects = new ScenarioEffects(Store, scenarios);
        // A user's patch (sync, refresh, a hand-made scale) is looked at now, not at the next poll.
        Store.Changed += (_, change) =>
        {
            if (change.Origin == SandboxChangeOrigin.ApiClient)
            {
                _wake.Writer.TryWrite(true);
            }
        };
        scenarios.Changed += (_, _) => _wake.Writer.TryWrite(true);
    }

    public string Folder { get; }
    public string KubeconfigPath => Path.Combine(Folder, "kubeconfig");
    public SandboxRepository Repository { get; }
    public SandboxObjectStore Store { get; }
    public SandboxScenarios Scenarios { get; }
    internal ScenarioEffects ScenarioEffects { get; }

    /// <summary>The API endpoint once the sandbox is up (the kubeconfig exists from then on).</summary>
    public Task<SandboxKubernetesApiEndpoint> Started => _started.Task;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        Repository.EnsureSeeded(_options.ResolvedSeedDirectory);
        foreach (var node in SandboxNodeCatalog.Create(_clock.GetUtcNow()))
        {
            Store.Upsert(node);
        }
        var endpoint = await _server.StartAsync(cancellationToken);
        KubeconfigWriter.Write(KubeconfigPath, endpoint);
        _reconciler.Reconcile();
        _simulator.Tick();
        _started.TrySetResult(endpoint);
        _logger.LogInformation("Sandbox platform (simulated K3s + Argo CD) at {Address}; kubeconfig {Kubeconfig}; manifests repository {Repository}", endpoint.BaseAddress, KubeconfigPath, Repository.Path);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromSeconds(_options.TickSeconds);
        var poll = TimeSpan.FromSeconds(_options.PollIntervalSeconds);
        var lastPoll = _clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = false;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(tick);
                woken = await _wake.Reader.WaitToReadAsync(timeout.Token) && _wake.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                ScenarioEffects.Apply();
                _simulator.Tick();
                if (woken || _clock.GetUtcNow() - lastPoll >= poll)
                {
                    lastPoll = _clock.GetUtcNow();
                    _reconciler.Reconcile();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Sandbox simulation step failed; continuing");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _server.DisposeAsync();
    }
}
