using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Predictors;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.TestSelection;
using MlOpsDashboard.Core.Predictors.Training;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Dashboard.Cli;

/// <summary>
/// <c>train</c> and <c>evaluate</c> for continuous-training pipelines: read a dataset, train with
/// the datasets README's protocol (first 80% of each project trains, last 20% tests), print a
/// per-project table, write JSON, and exit 1 when a quality gate fails (2 on bad usage or data).
/// <c>train</c> also registers the models in the app's registry (same data directory and database).
/// </summary>
public static class PredictorCli
{
    public const int Passed = 0;
    public const int GateFailed = 1;
    public const int UsageError = 2;

    public static bool IsCommand(string[] args) => args is ["train" or "evaluate", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var register = args[0] == "train";
        var options = new CliArguments(args.Skip(1));
        var buildsPath = options.Text("builds");
        var testsPath = options.Text("tests");
        var github = options.Text("github");
        var githubApi = options.Text("github-api-url") ?? "https://api.github.com/";
        var maxRuns = options.Whole("max-runs") ?? 500;
        var jsonPath = options.Text("json");
        var gates = new QualityGates(options);
        var maxBuilds = options.Whole("max-builds-per-project");
        var maxCycles = options.Whole("max-cycles");
        var epochs = options.Whole("epochs");
        var trees = options.Whole("trees");
        var dataDirectory = options.Text("data-dir");
        var author = options.Text("author") ?? Environment.UserName;
        var dataSource = options.Text("data-source");
        options.ReportUnknown();
        if (buildsPath is null && testsPath is null && github is null)
        {
            options.Errors.Add("give --builds <BuildFast folder or .csv>, --github <owner/repo> and/or --tests <test-verdict .csv>.");
        }
        if (buildsPath is not null && github is not null)
        {
            options.Errors.Add("give --builds or --github, not both.");
        }
        if (github is not null && github.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            options.Errors.Add($"--github is '{github}'; expected owner/repo.");
        }
        if (!Uri.TryCreate(githubApi, UriKind.Absolute, out var githubApiUri))
        {
            options.Errors.Add($"--github-api-url is '{githubApi}'; expected an absolute URL.");
        }
        options.Errors.AddRange(gates.Check(buildsPath is not null || github is not null, testsPath is not null));
        if (options.Errors.Count > 0)
        {
            await error.WriteLineAsync(string.Join(Environment.NewLine, options.Errors.Select(e => "error: " + e)));
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        var clock = Stopwatch.StartNew();
        var progress = new ConsoleProgress(error, clock);
        try
        {
            await using var services = register ? await CliServices.CreateAsync(dataDirectory, cancellationToken) : null;
            var training = services?.GetRequiredService<PredictorTraining>();
            var result = new CliResult { Command = args[0] };
            if (buildsPath is not null || github is not null)
            {
                var builds = github is null
                    ? LoadBuilds(buildsPath!, maxBuilds)
                    : await GitHubBuildsAsync(github, githubApiUri!, maxRuns, progress, cancellationToken);
                progress.Report($"read {builds.Count} builds of {builds.Select(b => b.Project).Distinct().Count()} projects from {buildsPath ?? github}");
                // Unset options keep the trainers' own defaults.
                var timeOptions = new BuildTimeTrainingOptions();
                timeOptions = timeOptions with { Trees = trees ?? timeOptions.Trees };
                var failureOptions = new FailureRiskTrainingOptions();
                failureOptions = failureOptions with { MaxEpochs = epochs ?? failureOptions.MaxEpochs, ChallengerTrees = trees ?? failureOptions.ChallengerTrees };
                var source = dataSource ?? (github is not null
                    ? $"GitHub Actions: {github} ({builds.Count} runs)"
                    : $"BuildFast CSV: {Path.GetFileName(Path.TrimEndingDirectorySeparator(buildsPath!))} ({builds.Select(b => b.Project).Distinct().Count()} projects)");
                var report = training is null
                    ? BuildEvaluation.Run(builds, timeOptions, failureOptions, progress).Report
                    : (await training.TrainBuildsAsync(builds, source, author, progress, cancellationToken, timeOptions, failureOptions)).Report;
                result.Builds = report;
                await output.WriteAsync(CliTables.Builds(report));
            }
            if (testsPath is not null)
            {
                var tests = LoadTests(testsPath, maxCycles);
                progress.Report($"read {tests.Count} test runs in {tests.Select(t => t.Cycle).Distinct().Count()} cycles from {testsPath}");
                var testOptions = new TestSelectionTrainingOptions();
                testOptions = testOptions with { Trees = trees ?? testOptions.Trees };
                var source = dataSource ?? $"test verdicts: {Path.GetFileName(testsPath)}";
                var report = training is null
                    ? TestSelectionEvaluation.Run(tests, testOptions, progress).Report
                    : (await training.TrainTestsAsync(tests, source, author, progress, cancellationToken, testOptions)).Report;
                result.Tests = report;
                await output.WriteAsync(CliTables.Tests(report));
            }
            if (training is not null)
            {
                result.Registered = [.. (await services!.GetRequiredService<ModelRegistry>().ListAsync(cancellationToken: cancellationToken))
                    .Where(v => v.CreatedAt >= DateTimeOffset.UtcNow - clock.Elapsed - TimeSpan.FromSeconds(1))
                    .Select(v => $"{v.Id} {v.Trainer}{(v.Aliases.Count > 0 ? " (" + string.Join(", ", v.Aliases).ToLowerInvariant() + ")" : "")}")];
                foreach (var line in result.Registered)
                {
                    await output.WriteLineAsync($"registered {line}");
                }
            }
            result.Gates = gates.Evaluate(result.Builds, result.Tests);
            foreach (var gate in result.Gates)
            {
                await output.WriteLineAsync($"{(gate.Passed ? "PASS" : "FAIL")} {gate.Name}: {gate.Actual:0.000} (required {(gate.Minimum ? "≥" : "≤")} {gate.Required:0.000})");
            }
            if (jsonPath is not null)
            {
                await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(result, CliResult.Json), cancellationToken);
                progress.Report($"wrote {jsonPath}");
            }
            return result.Gates.All(g => g.Passed) ? Passed : GateFailed;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or Octokit.ApiException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or DbUpdateException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return UsageError;
        }
    }

    private static Task<IReadOnlyList<BuildExample>> GitHubBuildsAsync(string repository, Uri api, int maxRuns, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var client = new Octokit.GitHubClient(new Octokit.ProductHeaderValue("mlops-dashboard"), api);
        // The token comes from the environment so it never lands in shell history or CI logs.
        if (Environment.GetEnvironmentVariable("GITHUB_TOKEN") is { Length: > 0 } token)
        {
            client.Credentials = new Octokit.Credentials(token);
        }
        var parts = repository.Split('/');
        return new GitHubActionsImporter(client, TimeProvider.System).ImportAsync(parts[0], parts[1], maxRuns, progress, cancellationToken);
    }

    private static IReadOnlyList<BuildExample> LoadBuilds(string path, int? maxPerProject)
    {
        var all = Directory.Exists(path) ? BuildFastImporter.ReadFolder(path) : BuildFastImporter.ReadFile(path);
        return maxPerProject is not { } n ? all : [.. all.GroupBy(b => b.Project).SelectMany(g => g.OrderBy(b => b.Order).Take(n))];
    }

    private static IReadOnlyList<TestCaseExample> LoadTests(string path, int? maxCycles)
    {
        var all = TestVerdictImporter.ReadFile(path);
        if (maxCycles is not { } n)
        {
            return all;
        }
        var kept = all.Select(t => t.Cycle).Distinct().Order().Take(n).ToHashSet();
        return [.. all.Where(t => kept.Contains(t.Cycle))];
    }

    public const string Usage = """
        usage: dotnet run --project Dashboard -- <train|evaluate> [options]
          --builds <folder|file.csv>        BuildFast CSVs: failure risk and build time
          --github <owner/repo>             a repository's GitHub Actions history instead of --builds
                                            (token from $GITHUB_TOKEN; --github-api-url, --max-runs 500)
          --tests <file.csv>                RETECS-style test verdicts: test selection
          --json <file>                     write every figure as JSON
          --min-f1 <0-1> --min-auc <0-1> --min-r2 <x> --max-mae <seconds> --min-apfd <0-1>
                                            quality gates: exit 1 when a mean misses one
          --max-builds-per-project <n>      use only each project's first n builds
          --max-cycles <n>                  use only the first n CI cycles
          --epochs <n> --trees <n>          training effort (defaults: 60 epochs; 50 build-time,
                                            300 challenger and 100 test-selection trees)
          train only: --data-dir <folder> --author <name> --data-source <label>
        """;
}

/// <summary>Timestamped progress lines on the error stream, written as they happen.</summary>
internal sealed class ConsoleProgress(TextWriter writer, Stopwatch clock) : IProgress<string>
{
    public void Report(string value) => writer.WriteLine($"[{clock.Elapsed:mm\\:ss}] {value}");
}
