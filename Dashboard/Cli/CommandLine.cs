namespace MlOpsDashboard.Dashboard.Cli;

/// <summary>
/// The command-line tools of the app (continuous training, offline analysis, the container's
/// health check). They run and exit; they never start the web host.
/// </summary>
public static class CommandLine
{
    /// <summary>The tool's exit code, or null when <paramref name="args"/> name no tool and the web host should start.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (PredictorCli.IsCommand(args))
        {
            return await PredictorCli.RunAsync(args, Console.Out, Console.Error);
        }
        if (args is [AnalyzeCommand.Name, ..])
        {
            return await AnalyzeCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
        }
        if (HealthCheckCommand.Matches(args))
        {
            return await HealthCheckCommand.RunAsync(args, Console.Out);
        }
        return null;
    }
}
