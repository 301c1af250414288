using System.Net;
using System.Text.Json;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Dashboard.Cli;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

public sealed class HealthCheckCommandTests
{
    [Fact]
    public async Task Healthcheck_RunningApp_ExitsZero()
    {
        await using var app = new DashboardAppFactory();
        var address = app.StartOnLoopback();
        var output = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync(["healthcheck", new Uri(address, "/healthz").ToString()], output);

        Assert.Equal(0, exit);
        Assert.StartsWith("200 ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthcheck_NothingListening_ExitsOne()
    {
        var output = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync(["healthcheck", "http://127.0.0.1:9/healthz"], output);

        Assert.Equal(1, exit);
        Assert.Contains("unhealthy", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:8080/healthz")]
    [InlineData("5000", "http://127.0.0.1:5000/healthz")]
    [InlineData("8081;8082", "http://127.0.0.1:8081/healthz")]
    public void DefaultUrl_FollowsAspNetCoreHttpPorts(string? ports, string expected) =>
        Assert.Equal(expected, HealthCheckCommand.DefaultUrl(ports));

    [Fact]
    public async Task Readyz_ReportsTheFailureRiskRuntimeAsADetail()
    {
        await using var app = new DashboardAppFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/readyz");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var check = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == FailureRiskRuntime.CheckName);
        var expected = FailureRiskRuntime.Detect();
        Assert.Equal(expected.Available ? "Healthy" : "Degraded", check.GetProperty("status").GetString());
        Assert.Equal(expected.Detail, check.GetProperty("description").GetString());
        Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(System.Runtime.InteropServices.Architecture.Arm64, true, false, "linux-arm64")]
    [InlineData(System.Runtime.InteropServices.Architecture.X64, true, true, "linux-x64 with libtorch")]
    [InlineData(System.Runtime.InteropServices.Architecture.X64, true, false, "libtorch_cpu.so is missing")]
    public void Detect_ArchitectureAndNativeFiles_DecideAvailability(System.Runtime.InteropServices.Architecture architecture, bool linux, bool withLibtorch, string detail)
    {
        var folder = Directory.CreateTempSubdirectory("mlops-torch-").FullName;
        try
        {
            if (withLibtorch)
            {
                Directory.CreateDirectory(Path.Combine(folder, "runtimes", "linux-x64", "native"));
                File.WriteAllText(Path.Combine(folder, "runtimes", "linux-x64", "native", "libtorch_cpu.so"), "");
            }

            var runtime = FailureRiskRuntime.Detect(architecture, linux, folder);

            Assert.Equal(withLibtorch && architecture == System.Runtime.InteropServices.Architecture.X64, runtime.Available);
            Assert.Contains(detail, runtime.Detail, StringComparison.Ordinal);
        }
        finally
        {
            TempFolders.TryDelete(folder);
        }
    }
}
