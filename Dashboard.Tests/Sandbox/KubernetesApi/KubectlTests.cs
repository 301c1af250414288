using System.Diagnostics;
using System.Text.Json;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Dashboard.Tests.Sandbox.KubernetesApi;

// The real kubectl against the sandbox, through a kubeconfig the sandbox wrote.
public sealed class KubectlTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sandbox-kubectl-{Guid.NewGuid():N}");
    private SandboxCluster _cluster = null!;

    public static string? KubectlPath { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin")
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl"))
            .FirstOrDefault(File.Exists);

    // Fails rather than skips without kubectl, like the other kubectl-based tests: a skip would hide a broken machine.
    public async Task InitializeAsync()
    {
        if (KubectlPath is null)
        {
            throw new InvalidOperationException("kubectl not found on PATH or in /usr/bin");
        }
        _cluster = await SandboxCluster.StartAsync();
        Directory.CreateDirectory(_directory);
        KubeconfigWriter.Write(Path.Combine(_directory, "kubeconfig"), _cluster.Endpoint);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task GetNodesJson_WrittenKubeconfig_ListsBothNodes()
    {
        var (exitCode, output, error) = await KubectlAsync("get", "nodes", "-o", "json");

        Assert.True(exitCode == 0, error);
        using var list = JsonDocument.Parse(output);
        Assert.Equal("List", list.RootElement.GetProperty("kind").GetString());
        Assert.Equal(["mac-m2", "wsl-worker"], list.RootElement.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("metadata").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task GetApplications_ShortName_ResolvesThroughDiscovery()
    {
        var (exitCode, output, error) = await KubectlAsync("get", "app", "-n", SandboxCluster.ArgoCd, "-o", "name");

        Assert.True(exitCode == 0, error);
        Assert.Equal("application.argoproj.io/build-time", output.Trim());
    }

    [Fact]
    public async Task Scale_Deployment_ChangesReplicasInStore()
    {
        var (exitCode, _, error) = await KubectlAsync("scale", "deployment/build-time", "-n", SandboxCluster.Ml, "--replicas=4");

        Assert.True(exitCode == 0, error);
        Assert.Equal(4, _cluster.Store.Get(SandboxResources.Deployments, SandboxCluster.Ml, "build-time")!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Logs_Pod_PrintsAppendedLines()
    {
        _cluster.Store.Logs.Append(SandboxCluster.Ml, "build-time-7d9f8-abcde", "predictor", "model build-time 1.4.0 loaded");

        var (exitCode, output, error) = await KubectlAsync("logs", "build-time-7d9f8-abcde", "-n", SandboxCluster.Ml);

        Assert.True(exitCode == 0, error);
        Assert.Equal("model build-time 1.4.0 loaded\n", output);
    }

    private async Task<(int ExitCode, string Output, string Error)> KubectlAsync(params string[] args)
    {
        var start = new ProcessStartInfo(KubectlPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A private discovery cache keeps runs independent of ~/.kube.
        foreach (var arg in new[] { "--kubeconfig", Path.Combine(_directory, "kubeconfig"), "--cache-dir", Path.Combine(_directory, "cache") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
