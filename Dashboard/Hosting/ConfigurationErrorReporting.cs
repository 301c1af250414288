using Microsoft.Extensions.Options;

namespace MlOpsDashboard.Dashboard.Hosting;

public static class ConfigurationErrorReporting
{
    public const int ConfigurationErrorExitCode = 2;

    /// <summary>
    /// Runs the app; a bad setting ends start-up with one line per wrong key (key, value and the
    /// accepted values) on stderr and exit code 2, instead of a stack trace to dig through.
    /// </summary>
    public static async Task<int> RunReportingConfigurationErrorsAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (ValidationFailures(e).Distinct().ToList() is { Count: > 0 } failures)
        {
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync($"Configuration error: {failure}");
            }
            return ConfigurationErrorExitCode;
        }
    }

    /// <summary>Every failure of every options section; start-up wraps several in an AggregateException.</summary>
    internal static List<string> ValidationFailures(Exception e) => e switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(ValidationFailures)],
        _ when e.InnerException is not null => ValidationFailures(e.InnerException),
        _ => [],
    };
}
