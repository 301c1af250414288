using System.Diagnostics;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Configuration;

/// <summary>Starts the real Dashboard process with wrong settings, as an operator would.</summary>
public class StartupConfigurationTests
{
    [Fact]
    public async Task Process_TwoWrongSettings_NamesEveryKeyWithAcceptedValues()
    {
        var (exitCode, stderr) = await RunDashboardAsync(new() { ["Database__Provider"] = "Oracle", ["Llm__Provider"] = "Clippy" });

        Assert.Equal(2, exitCode);
        Assert.Contains("Configuration error: Database:Provider is 'Oracle'; accepted values: Sqlite, PostgreSql.", stderr);
        Assert.Contains("Configuration error: Llm:Provider is 'Clippy'; accepted values: None, Gemini, OpenAICompatible.", stderr);
    }

    [Fact]
    public async Task Process_PostgreSqlWithoutConnectionString_NamesTheKey()
    {
        var (exitCode, stderr) = await RunDashboardAsync(new() { ["Database__Provider"] = "PostgreSql" });

        Assert.Equal(2, exitCode);
        Assert.Contains("Configuration error: Database:ConnectionString is empty", stderr);
    }

    [Fact]
    public async Task Process_WrongClusterMode_OneLineNoStackTrace()
    {
        var (exitCode, stderr) = await RunDashboardAsync(new() { ["Cluster__Mode"] = "Minikube" });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("Configuration error:", StringComparison.Ordinal));
        Assert.StartsWith("Configuration error: Cluster:Mode is 'Minikube'; accepted values: Sandbox, None, Kubernetes", line);
        Assert.DoesNotContain("   at ", stderr);
    }

    private static async Task<(int ExitCode, string Stderr)> RunDashboardAsync(Dictionary<string, string> environment)
    {
        var dashboardDll = Path.Combine(RepositoryRoot.Path, "Dashboard", "bin", BuildConfiguration, "net10.0", "MlOpsDashboard.Dashboard.dll");
        Assert.True(File.Exists(dashboardDll), $"Build the Dashboard first: {dashboardDll} is missing");
        var dataDirectory = Directory.CreateTempSubdirectory("mlops-config-").FullName;
        var start = new ProcessStartInfo("dotnet", [dashboardDll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(dashboardDll)!,
        };
        start.Environment["Data__Directory"] = dataDirectory;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("the app kept running with a wrong setting");
        }
        finally
        {
            TempFolders.TryDelete(dataDirectory);
        }
        return (process.ExitCode, await stderr);
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif
}
