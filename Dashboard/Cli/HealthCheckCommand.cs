using System.Globalization;

namespace MlOpsDashboard.Dashboard.Cli;

/// <summary>
/// <c>dotnet MlOpsDashboard.Dashboard.dll healthcheck [url]</c>: asks the running app's /healthz
/// and exits 0 when it answers 2xx, 1 otherwise. The container's HEALTHCHECK uses it because the
/// ASP.NET runtime image has neither curl nor wget.
/// </summary>
public static class HealthCheckCommand
{
    public const string Verb = "healthcheck";

    public static bool Matches(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl(Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await client.GetAsync(url);
            await output.WriteLineAsync($"{(int)response.StatusCode} {url}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            await output.WriteLineAsync($"unhealthy: {url}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The first of ASPNETCORE_HTTP_PORTS (8080 in the .NET images), on loopback.</summary>
    internal static string DefaultUrl(string? httpPorts)
    {
        var first = (httpPorts ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var port = int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 8080;
        return $"http://127.0.0.1:{port}/healthz";
    }
}
