using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MlOpsDashboard.Dashboard.Tests.Support;

/// <summary>
/// The real app with its own data directory in a temp folder. Settings are given as
/// configuration keys, exactly as an operator would set them (Section:Key).
/// </summary>
public class DashboardAppFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "test-admin-password-0123";

    private readonly Dictionary<string, string?> _settings;

    public DashboardAppFactory(IDictionary<string, string?>? settings = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("mlops-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Data:Directory"] = DataDirectory,
            ["Auth:AdminInitialPassword"] = AdminPassword,
            // Tests that want the sandbox say so; the rest stay free of its background work.
            ["Cluster:Mode"] = "None",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    /// <summary>Serves over Kestrel on a free loopback port (for a real browser) and returns its address.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, _content/ and _framework/ files are served only from published output.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        TempFolders.TryDelete(DataDirectory);
    }
}
