using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MlOpsDashboard.Bench.Cluster;

/// <summary>The real dashboard in-process on a loopback port with the sandbox cluster, its own data directory and a known admin password.</summary>
internal sealed class BenchDashboard : WebApplicationFactory<MlOpsDashboard.Dashboard.Components.App>
{
    public const string Password = "bench-admin-password-0123";

    private readonly string _data = Directory.CreateTempSubdirectory("mlops-bench-").FullName;

    public Uri StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var root = Root();
        builder.UseContentRoot(Path.Combine(root, "Dashboard"));
        builder.UseSetting("Sandbox:SeedDirectory", Path.Combine(root, "deploy"));
        builder.UseEnvironment("Benchmark");
        builder.UseStaticWebAssets();
        builder.UseSetting("Data:Directory", _data);
        builder.UseSetting("Auth:AdminInitialPassword", Password);
        builder.UseSetting("Cluster:Mode", "Sandbox");
        // The simulated kubelets and Argo CD would otherwise spend the two cores on 2,000 bench pods.
        builder.UseSetting("Sandbox:TickSeconds", "60");
        builder.UseSetting("Sandbox:PollIntervalSeconds", "3600");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks", "Error");
        builder.ConfigureServices(services => services.AddSingleton<CircuitCounter>().AddSingleton<CircuitHandler>(s => s.GetRequiredService<CircuitCounter>()));
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlOpsDashboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No MlOpsDashboard.sln above {AppContext.BaseDirectory}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
