using LibGit2Sharp;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

/// <summary>Collects what the monitor raises, as the Overview attention queue will.</summary>
public sealed class RecordingAttentionSink : IDriftAttentionSink
{
    private readonly List<DriftStarted> _started = [];

    public IReadOnlyList<DriftStarted> Started
    {
        get
        {
            lock (_started)
            {
                return [.. _started];
            }
        }
    }

    public Task DriftStartedAsync(DriftStarted started, CancellationToken cancellationToken)
    {
        lock (_started)
        {
            _started.Add(started);
        }
        return Task.CompletedTask;
    }
}

/// <summary>The real app on loopback with a manifests repository whose history has one promote of model serving.</summary>
public sealed class DriftApp(string manifests, RecordingAttentionSink sink) : DashboardAppFactory(new Dictionary<string, string?>
{
    ["Manifests:Repository"] = manifests,
    // One pass at start-up; the tests run the next ones themselves.
    ["Drift:IntervalSeconds"] = "3600",
    ["Drift:MinimumRows"] = "30",
})
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // These tests serve their windows directly rather than through the prediction API's log.
        builder.ConfigureTestServices(services => services
            .AddSingleton<IDriftAttentionSink>(sink)
            .AddSingleton<IServedFeatureSource>(sp => sp.GetRequiredService<InMemoryServedFeatureSource>()));
    }
}

/// <summary>
/// Starts the app, waits for the monitor's start-up pass, stores the profiles of versions 10 and 11,
/// serves a clean window and then a window with <see cref="DriftScenario.ShiftedFeature"/> shifted,
/// and runs one monitoring pass, as the timer would.
/// </summary>
public sealed class DriftAppFixture : IAsyncLifetime
{
    public RecordingAttentionSink Sink { get; } = new();
    public string ManifestsPath { get; } = Directory.CreateTempSubdirectory("mlops-drift-manifests-").FullName;
    public DriftApp App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public int ComputedWindows { get; private set; }
    public string PromoteSha { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Now = DateTimeOffset.UtcNow;
        PromoteSha = SeedManifests(ManifestsPath, Now);
        App = new DriftApp(ManifestsPath, Sink);
        BaseAddress = App.StartOnLoopback();
        var monitor = App.Services.GetRequiredService<DriftMonitor>();
        for (var i = 0; i < 300 && monitor.LastPassAt is null; i++)
        {
            await Task.Delay(100);
        }
        var profiles = App.Services.GetRequiredService<IReferenceProfileStore>();
        await profiles.SaveAsync(DriftScenario.Profile(DriftScenario.PreviousVersion, Now.AddDays(-3)), CancellationToken.None);
        await profiles.SaveAsync(DriftScenario.Profile(DriftScenario.Version, Now.AddHours(-5)), CancellationToken.None);
        var served = App.Services.GetRequiredService<InMemoryServedFeatureSource>();
        DriftScenario.Serve(served, Now, windowsBack: 2, shifted: false);
        DriftScenario.Serve(served, Now, windowsBack: 1, shifted: true);
        ComputedWindows = await monitor.RunOnceAsync(CancellationToken.None);
    }

    /// <summary>A commit to grafana, then a promote of model serving inside the drifting window.</summary>
    private static string SeedManifests(string path, DateTimeOffset now)
    {
        Repository.Init(path);
        using var repo = new Repository(path);
        // The app reads Manifests:Branch, main by default; libgit2 starts on master.
        repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
        Commit(repo, "apps/grafana/base/deployment.yaml", "replicas: 1\n", "Grafana: one replica", now.AddHours(-6));
        var promote = DriftWindows.Containing(now, DriftScenario.Window).Start - DriftScenario.Window + TimeSpan.FromMinutes(5);
        return Commit(repo, "apps/model-serving/overlays/production/kustomization.yaml", "MODEL_VERSION=11\n", "Promote failure-risk 11 to production", promote).Sha;
    }

    private static Commit Commit(Repository repo, string file, string content, string message, DateTimeOffset when)
    {
        var full = Path.Combine(repo.Info.WorkingDirectory, file);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        Commands.Stage(repo, file);
        var who = new Signature("operator", "operator@example.com", when);
        return repo.Commit(message, who, who);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        TempFolders.TryDelete(ManifestsPath);
    }
}

[CollectionDefinition(Name)]
public sealed class DriftAppCollection : ICollectionFixture<DriftAppFixture>
{
    public const string Name = "Drift app";
}
