using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Playwright;

namespace MlOpsDashboard.Bench.Cluster;

/// <summary>
/// Side-by-side run, not a BenchmarkDotNet job: the built dashboard as its own process with the
/// sandbox cluster, filled through the sandbox's Kubernetes API with 5,000 Argo CD applications and
/// 2,000 pods, driven by Debian's Chromium. Measures the Applications page's render time, the time
/// from a watch event (an application patched through the API) to the browser's DOM, and the
/// server's memory per connected circuit. Run: dotnet run -c Release --project bench -- cluster-pages
/// </summary>
public static class ClusterPagesBenchmark
{
    private const string Password = "bench-admin-password-0123";
    private const string Namespace = "bench";
    private const int Applications = 5_000;
    private const int Pods = 2_000;

    public static async Task<int> RunAsync()
    {
        var root = FindRoot();
        var dll = Path.Combine(root, "Dashboard", "bin", "Release", "net10.0", "MlOpsDashboard.Dashboard.dll");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"Build the dashboard first: dotnet build -c Release Dashboard ({dll} missing)");
            return 1;
        }
        var data = Directory.CreateTempSubdirectory("mlops-bench-").FullName;
        var port = FreePort();
        using var server = StartServer(dll, data, port);
        try
        {
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            await WaitForAsync(() => File.Exists(Path.Combine(data, "sandbox", "kubeconfig")), TimeSpan.FromSeconds(60), "the sandbox");
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(data, "sandbox", "kubeconfig")));
            var fill = Stopwatch.StartNew();
            await FillAsync(client);
            Console.WriteLine($"Filled the sandbox with {Applications} applications and {Pods} pods in {fill.Elapsed.TotalSeconds:0.0} s");

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("MLOPS_CHROMIUM") ?? "/usr/bin/chromium",
                Args = ["--no-sandbox", "--disable-gpu"],
            });
            var page = await SignInAsync(browser, baseAddress);
            await RenderTimesAsync(page);
            await EventToDomAsync(page, client);
            await MemoryPerCircuitAsync(browser, baseAddress, server);
            return 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task RenderTimesAsync(IPage page)
    {
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
        Console.WriteLine($"Applications page, {Applications + 9} applications: navigation to interactive table, median {warm[warm.Count / 2]:0} ms, max {warm[^1]:0} ms (cold first run {times[0]:0} ms)");
    }

    private static async Task EventToDomAsync(IPage page, Kubernetes client)
    {
        const string Name = "bench-app-00000";
        await page.GotoAsync($"/applications/{Name}");
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("app-health")).ToContainTextAsync("Healthy", new() { Timeout = 60_000 });
        var latencies = new List<double>();
        var health = "Healthy";
        for (var i = 0; i < 40; i++)
        {
            health = health == "Healthy" ? "Degraded" : "Healthy";
            var patch = new V1Patch(new JsonObject { ["status"] = new JsonObject { ["health"] = new JsonObject { ["status"] = health } } }.ToJsonString(), V1Patch.PatchType.MergePatch);
            var watch = Stopwatch.StartNew();
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "argoproj.io", "v1alpha1", Namespace, "applications", Name);
            while (await page.EvaluateAsync<string>("() => document.querySelector('[data-testid=app-health] [data-health]')?.getAttribute('data-health')") != health)
            {
                await Task.Delay(2);
            }
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(150);
        }
        latencies.Sort();
        Console.WriteLine($"Watch event → DOM ({latencies.Count} application patches): p50 {latencies[latencies.Count / 2]:0} ms, p95 {latencies[(int)(latencies.Count * 0.95) - 1]:0} ms, max {latencies[^1]:0} ms");
    }

    private static async Task MemoryPerCircuitAsync(IBrowser browser, Uri baseAddress, Process server)
    {
        const int Circuits = 10;
        await Task.Delay(3000);
        var before = ResidentBytes(server);
        var pages = new List<IPage>();
        for (var i = 0; i < Circuits; i++)
        {
            var page = await SignInAsync(browser, baseAddress);
            await page.GotoAsync("/applications");
            await Assertions.Expect(page.GetByTestId("application-count")).ToContainTextAsync($"of {Applications + 9}", new() { Timeout = 60_000 });
            pages.Add(page);
        }
        await Task.Delay(5000);
        var after = ResidentBytes(server);
        Console.WriteLine($"Server resident memory: {before / 1048576.0:0} MiB with 1 circuit, {after / 1048576.0:0} MiB with {Circuits + 1}: {(after - before) / Circuits / 1024.0:0} KB per added circuit on the Applications page");
    }

    private static async Task FillAsync(Kubernetes client)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        var throttle = new SemaphoreSlim(8);
        var work = new List<Task>();
        for (var i = 0; i < Applications; i++)
        {
            var index = i;
            work.Add(Throttled(throttle, () => client.CustomObjects.CreateNamespacedCustomObjectAsync(Application(index), "argoproj.io", "v1alpha1", Namespace, "applications")));
        }
        for (var i = 0; i < Pods; i++)
        {
            var index = i;
            work.Add(Throttled(throttle, () => client.CoreV1.CreateNamespacedPodAsync(Pod(index), Namespace)));
        }
        await Task.WhenAll(work);
    }

    private static async Task Throttled(SemaphoreSlim throttle, Func<Task> call)
    {
        await throttle.WaitAsync();
        try
        {
            await call();
        }
        finally
        {
            throttle.Release();
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

    private static async Task<IPage> SignInAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    private static Process StartServer(string dll, string data, int port)
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // Development serves _framework/ and _content/ from the build output (no publish step).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Data__Directory"] = data;
        start.Environment["Auth__AdminInitialPassword"] = Password;
        start.Environment["Cluster__Mode"] = "Sandbox";
        // The simulated kubelets and Argo CD would otherwise spend the two cores on 2,000 bench pods.
        start.Environment["Sandbox__TickSeconds"] = "60";
        start.Environment["Sandbox__PollIntervalSeconds"] = "3600";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static long ResidentBytes(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlOpsDashboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("No MlOpsDashboard.sln above the bench binaries");
    }
}
