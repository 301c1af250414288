using System.Diagnostics;
using System.Text.Json;
using MlOpsDashboard.Dashboard.Cli;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

public sealed class AnalyzeCommandTests
{
    [Theory]
    [InlineData("crashloop.json", "crash-loop")]
    [InlineData("ci-security.json", "ci-security-finding")]
    [InlineData("drift-concept.json", "drift-concept")]
    public async Task Run_CapturedIncident_PrintsReportJson(string sample, string expected)
    {
        var (code, stdout, stderr) = await RunAsync("--input", IncidentSamples.SamplePath(sample));

        Assert.True(code == 0, stderr);
        var report = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(expected, report.GetProperty("rootCauses")[0].GetProperty("category").GetString());
        Assert.Equal("rules", report.GetProperty("analyst").GetString());
    }

    [Fact]
    public async Task Run_StandardInput_ReadsTheIncident()
    {
        var (code, stdout, _) = await RunAsync(new StringReader(await File.ReadAllTextAsync(IncidentSamples.SamplePath("crashloop.json"))), "--input", "-");

        Assert.Equal(0, code);
        Assert.Contains("crash-loop", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedFile_ExitCode1NamesTheProblem()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "{\"pod\": {\"containers\": [{\"restarts\": \"many\"}]}}");

            var (code, stdout, stderr) = await RunAsync("--input", file);

            Assert.Equal(AnalyzeCommand.InputErrorExitCode, code);
            Assert.Empty(stdout);
            Assert.Contains("restarts", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Run_NoInput_PrintsUsage()
    {
        var (code, _, stderr) = await RunAsync();

        Assert.Equal(AnalyzeCommand.InputErrorExitCode, code);
        Assert.Contains("--input FILE", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadLlmSetting_ConfigurationErrorExit2()
    {
        var (code, _, stderr) = await RunAsync("--input", IncidentSamples.SamplePath("crashloop.json"), "--Llm:Provider=Claude");

        Assert.Equal(2, code);
        Assert.Contains("Llm:Provider", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardProcess_AnalyzeArgument_RunsTheCommandWithoutTheWebHost()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MlOpsDashboard.Dashboard.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { dll, "analyze", "--input", IncidentSamples.SamplePath("crashloop.json") })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal("crash-loop", JsonDocument.Parse(await stdout).RootElement.GetProperty("rootCauses")[0].GetProperty("category").GetString());
    }

    private static Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(new StringReader(""), args);

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(TextReader stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AnalyzeCommand.RunAsync(args, stdin, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
