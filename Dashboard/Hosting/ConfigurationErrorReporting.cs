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
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                await Console.Error.WriteLineAsync($"Configuration error: {failure}");
            }
            return ConfigurationErrorExitCode;
        }
    }
}
