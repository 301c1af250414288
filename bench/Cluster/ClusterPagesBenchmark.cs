using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Bench.Cluster;

/// <summary>
/// Side-by-side run, not a BenchmarkDotNet job: the real dashboard on loopback with the sandbox
/// cluster, its store filled with 5,000 Argo CD applications and 2,000 pods (which reach the
/// dashboard through the watch, as any change does), driven by Debian's Chromium. Measures the Applications page's render time, the time
/// from a watch event (an application patched through the API) to the browser's DOM, and the
/// server's memory per connected circuit. Run: dotnet run -c Release --project bench -- cluster-pages
/// </summary>
public static class ClusterPagesBenchmark
{
    private const string Namespace = "bench";
    private const int Applications = 5_000;
    private const int Pods = 2_000;

    /// <summary>An application page for a name that does not exist: layout, circuit and one cluster subscription, no list.</summary>
    internal const string BaselinePage = "/applications/no-such-application";

    /// <param name="parts">Any of render, event, memory, heap (gcdumps with 0 and 20 circuits per page, on request only); none means the first three.</param>
    public static async Task<int> RunAsync(IReadOnlyCollection<string> parts)
    {
        bool Runs(string part) => parts.Contains(part) || (parts.Count == 0 && part != "heap");
        await using var app = new BenchDashboard();
        var baseAddress = app.StartOnLoopback();
        var platform = app.Services.GetRequiredService<SandboxPlatform>();
        await platform.Started.WaitAsync(TimeSpan.FromSeconds(60));
        var fill = Stopwatch.StartNew();
        Fill(platform.Store);
        var state = app.Services.GetRequiredService<ClusterState>();
        await WaitForAsync(() => state.Current.Applications.Count >= Applications && state.Current.Pods.Count >= Pods, TimeSpan.FromSeconds(120), "the watch to bring everything in");
        Console.WriteLine($"Sandbox store filled with {Applications} applications and {Pods} pods, all in the dashboard's ClusterState, in {fill.Elapsed.TotalSeconds:0.0} s");
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(platform.KubeconfigPath));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MLOPS_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        var page = await SignInAsync(browser, baseAddress);
        if (Runs("render"))
        {
            await RenderTimesAsync(page, state);
        }
        if (Runs("event"))
        {
            await EventToDomAsync(page, client, state, platform.Store);
        }
        if (Runs("memory"))
        {
            await new CircuitMemoryMeasurement(browser, baseAddress, app.Services.GetRequiredService<CircuitCounter>(), Applications + 9).RunAsync(state);
        }
        if (Runs("heap"))
        {
            await new CircuitHeapDumps(browser, baseAddress, app.Services.GetRequiredService<CircuitCounter>()).RunAsync();
        }
        return 0;
    }

    private static async Task RenderTimesAsync(IPage page, ClusterState state)
    {
        // The same navigation to a page that shows no list: what the layout, the circuit and the browser cost anyway.
        var baseline = new List<double>();
        for (var run = 0; run < 4; run++)
        {
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(BaselinePage);
            await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("app-missing")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            baseline.Add(watch.Elapsed.TotalMilliseconds);
        }
        baseline = [.. baseline.Skip(1).Order()];
        Console.WriteLine($"Baseline page without a list ({BaselinePage}): navigation to interactive, median {baseline[baseline.Count / 2]:0} ms, max {baseline[^1]:0} ms");
        var times = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var watch = Stopwatch.StartNew();
            await page.GotoAsync("/applications");
            await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("application-count")).ToContainTextAsync($"of {Applications + 9}", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=applications-table] [data-app]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        // The first run warms the server's JIT and the browser's cache; report the rest.
        var warm = times.Skip(1).Order().ToList();
        Console.WriteLine($"Applications page, {state.Current.Applications.Count} applications: navigation to interactive table, median {warm[warm.Count / 2]:0} ms, max {warm[^1]:0} ms (cold first run {times[0]:0} ms)");
    }

    private static async Task EventToDomAsync(IPage page, Kubernetes client, ClusterState state, SandboxObjectStore store)
    {
        const string Name = "bench-app-00001";
        await page.GotoAsync($"/applications/{Name}");
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("app-health")).ToContainTextAsync("Healthy", new() { Timeout = 60_000 });
        await using var probe = await EventLatencyProbe.StartAsync(Namespace, Name, store, client, state);
        var hops = new Dictionary<string, List<double>>
        {
            ["PATCH → committed in the sandbox store"] = [],
            ["PATCH → response back at the client"] = [],
            ["PATCH → watch event on the wire"] = [],
            ["PATCH → dashboard's ClusterState"] = [],
            ["PATCH → browser DOM"] = [],
        };
        using var sampler = new AllocationSampler();
        sampler.Start();
        var (gen0, gen1, gen2, pause, allocated) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        var health = "Healthy";
        for (var i = 0; i < 40; i++)
        {
            health = health == "Healthy" ? "Degraded" : "Healthy";
            var patch = new V1Patch(new JsonObject { ["status"] = new JsonObject { ["health"] = new JsonObject { ["status"] = health } } }.ToJsonString(), V1Patch.PatchType.MergePatch);
            // A MutationObserver stamps the moment the row shows the new health; armed before the change is sent.
            await page.EvaluateAsync(DomStampScript, health);
            var pending = probe.ExpectAsync(health);
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "argoproj.io", "v1alpha1", Namespace, "applications", Name);
            hops["PATCH → response back at the client"].Add(pending.Elapsed());
            var domEpochMs = await page.EvaluateAsync<double>("() => window.__benchHealthShown");
            hops["PATCH → committed in the sandbox store"].Add(await pending.Committed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
            hops["PATCH → watch event on the wire"].Add(await pending.Wire.Task.WaitAsync(TimeSpan.FromSeconds(30)));
            hops["PATCH → dashboard's ClusterState"].Add(await pending.InState.Task.WaitAsync(TimeSpan.FromSeconds(30)));
            hops["PATCH → browser DOM"].Add(domEpochMs - pending.StartEpochMs);
            await Task.Delay(150);
        }
        Console.WriteLine($"Watch event → DOM, {hops["PATCH → browser DOM"].Count} application patches, each hop from just before the PATCH is sent (load average {LoadAverage()}):");
        foreach (var (hop, times) in hops)
        {
            times.Sort();
            Console.WriteLine($"  {hop,-42} p50 {times[times.Count / 2],6:0.0} ms, p95 {Percentile95(times),6:0.0} ms, max {times[^1],6:0.0} ms");
        }
        Console.WriteLine($"  during the run: {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:0} MiB allocated, GCs gen0/1/2 {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0} ms GC pause in all");
        Console.WriteLine($"  most allocated (sampled): {string.Join(", ", sampler.Stop(12).Select(t => $"{t.Type} {t.Bytes / 1048576.0:0.0} MiB"))}");
    }

    // Resolves window.__benchHealthShown (a promise of Date.now()) once the health chip shows the value.
    private const string DomStampScript = """
        health => {
            const shown = () => document.querySelector('[data-testid=app-health] [data-health]')?.getAttribute('data-health') === health;
            window.__benchHealthShown = new Promise(resolve => {
                const observer = new MutationObserver(() => {
                    if (shown()) {
                        observer.disconnect();
                        resolve(Date.now());
                    }
                });
                observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            });
        }
        """;

    private static double Percentile95(List<double> sorted) => sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1];

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Fill(SandboxObjectStore store)
    {
        store.Create(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        for (var i = 0; i < Applications; i++)
        {
            store.Create(SandboxResources.Applications, Application(i));
        }
        for (var i = 0; i < Pods; i++)
        {
            store.Create(Pod(i));
        }
    }

    private static JsonObject Application(int i) => new()
    {
        ["apiVersion"] = "argoproj.io/v1alpha1",
        ["kind"] = "Application",
        ["metadata"] = new JsonObject { ["name"] = $"bench-app-{i:00000}", ["namespace"] = Namespace, ["labels"] = new JsonObject { ["team"] = $"team-{i % 20}" } },
        ["spec"] = new JsonObject
        {
            ["project"] = $"project-{i % 10}",
            ["source"] = new JsonObject { ["repoURL"] = "https://git.example/manifests.git", ["path"] = $"apps/service-{i}", ["targetRevision"] = "main" },
            ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = $"ns-{i % 50}" },
        },
        ["status"] = new JsonObject
        {
            ["sync"] = new JsonObject { ["status"] = i % 37 == 0 ? "OutOfSync" : "Synced", ["revision"] = "5967f86f074420b0299fd1bc80712db2d903c600" },
            ["health"] = new JsonObject { ["status"] = i % 53 == 0 ? "Degraded" : "Healthy" },
            ["resources"] = new JsonArray(new JsonObject { ["group"] = "apps", ["kind"] = "Deployment", ["namespace"] = $"ns-{i % 50}", ["name"] = $"service-{i}", ["status"] = "Synced", ["syncWave"] = 4, ["health"] = new JsonObject { ["status"] = "Healthy" } }),
            ["history"] = new JsonArray(new JsonObject { ["id"] = 0, ["revision"] = "5967f86f074420b0299fd1bc80712db2d903c600", ["deployedAt"] = "2026-11-24T01:00:00Z" }),
        },
    };

    private static V1Pod Pod(int i) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"bench-pod-{i:00000}", NamespaceProperty = Namespace },
        Spec = new V1PodSpec
        {
            NodeName = i % 2 == 0 ? "wsl-worker" : "mac-m2",
            Containers = [new V1Container { Name = "main", Image = "ghcr.io/example/service:1.0", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1m"), ["memory"] = new("1Mi") } } }],
        },
        Status = new V1PodStatus
        {
            Phase = "Running",
            ContainerStatuses = [new V1ContainerStatus { Name = "main", Image = "ghcr.io/example/service:1.0", ImageID = "", Ready = true, RestartCount = 0, State = new V1ContainerState { Running = new V1ContainerStateRunning() } }],
        },
    };

    /// <summary>Signs in on the way to <paramref name="target"/>, so the only circuit the new browser context opens is that page's.</summary>
    internal static async Task<IPage> SignInAsync(IBrowser browser, Uri baseAddress, string target = "/")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(target);
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", BenchDashboard.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}");
            }
            await Task.Delay(100);
        }
    }

}
