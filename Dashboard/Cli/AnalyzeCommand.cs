using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Dashboard.Hosting;

namespace MlOpsDashboard.Dashboard.Cli;

/// <summary>
/// <c>analyze --input FILE</c>: one captured incident in, the report as JSON out. For a dump from a
/// cluster the dashboard cannot reach, and for CI testing the analysts. Runs the configured analyst
/// (appsettings.json, environment, or --Section:Key=value after the file) without the web host.
/// </summary>
public static class AnalyzeCommand
{
    public const string Name = "analyze";
    public const int InputErrorExitCode = 1;

    private const string Usage = """
        Usage: dashboard analyze --input FILE [--Llm:Provider=Gemini --Llm:ApiKey=...]
          --input FILE   a captured incident as JSON (schema: Core/Incidents/CapturedIncident.md); - reads standard input
        Prints the analysis report as JSON on standard output.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var input = InputPath(args, out var settings);
        if (input is null)
        {
            await stderr.WriteLineAsync(Usage);
            return InputErrorExitCode;
        }
        string json;
        try
        {
            json = input == "-" ? await stdin.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(input, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"Cannot read {input}: {e.Message}");
            return InputErrorExitCode;
        }
        CapturedIncident incident;
        try
        {
            incident = IncidentJson.ReadIncident(json);
        }
        catch (IncidentFormatException e)
        {
            await stderr.WriteLineAsync($"{input}: {e.Message}");
            return InputErrorExitCode;
        }

        await using var services = BuildServices(settings);
        try
        {
            _ = services.GetRequiredService<IOptions<IncidentsOptions>>().Value;
            _ = services.GetRequiredService<IOptions<Core.Incidents.LlmOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures.Distinct())
            {
                await stderr.WriteLineAsync($"Configuration error: {failure}");
            }
            return ConfigurationErrorReporting.ConfigurationErrorExitCode;
        }
        var report = await services.GetRequiredService<IncidentAnalyzer>().AnalyzeAsync(incident, cancellationToken);
        if (report.Fallback is not null)
        {
            await stderr.WriteLineAsync($"LLM unavailable, rules analyst used: {report.Fallback}");
        }
        await stdout.WriteLineAsync(JsonSerializer.Serialize(report, IncidentJson.Indented));
        return 0;
    }

    private static string? InputPath(string[] args, out List<string> settings)
    {
        settings = [];
        string? input = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--input" or "-i" && i + 1 < args.Length)
            {
                input = args[++i];
            }
            else if (args[i].StartsWith("--input=", StringComparison.Ordinal))
            {
                input = args[i]["--input=".Length..];
            }
            else
            {
                settings.Add(args[i]);
            }
        }
        return input;
    }

    private static ServiceProvider BuildServices(List<string> settings)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settings])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole().AddFilter((_, level) => level >= LogLevel.Warning));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddIncidentAnalysis();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
