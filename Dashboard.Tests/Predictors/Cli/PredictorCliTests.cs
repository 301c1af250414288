using System.Text.Json;
using MlOpsDashboard.Dashboard.Cli;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Cli;

/// <summary>Runs the train/evaluate entry point in-process on small slices, as Program.cs dispatches it.</summary>
public sealed class PredictorCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-cli-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => TempFolders.TryDelete(_folder);

    private string BuildsFolder()
    {
        var csv = Path.Combine(_folder, "builds");
        PredictorTestData.WriteBuildFastCsv(csv, "acme@widgets", 200, seed: 4);
        PredictorTestData.WriteBuildFastCsv(csv, "acme@gadgets", 150, seed: 5);
        return csv;
    }

    private Task<int> Run(params string[] args) => PredictorCli.RunAsync(args, _output, _error);

    [Fact]
    public async Task Evaluate_BuildsAndTests_PrintsTablesWritesJsonAndPassesGates()
    {
        var json = Path.Combine(_folder, "result.json");

        var exit = await Run("evaluate", "--builds", BuildsFolder(), "--tests", PredictorTestData.IofrolPath, "--max-cycles", "80",
            "--epochs", "6", "--trees", "20", "--json", json, "--min-auc", "0.6", "--max-mae", "500", "--min-apfd", "0.5");

        Assert.True(exit == PredictorCli.Passed, _output.ToString() + _error.ToString());
        var table = _output.ToString();
        Assert.Contains("acme/widgets", table);
        Assert.Contains("acme/gadgets", table);
        Assert.Contains("iofrol", table);
        Assert.Contains("PASS mean ROC AUC", table);
        Assert.Contains("failure risk: epoch 1", _error.ToString());
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(2, document.RootElement.GetProperty("builds").GetProperty("projects").GetArrayLength());
        Assert.Equal(3, document.RootElement.GetProperty("gates").GetArrayLength());
        Assert.Empty(document.RootElement.GetProperty("registered").EnumerateArray());
    }

    [Fact]
    public async Task Evaluate_GateMissed_ExitsOne()
    {
        var exit = await Run("evaluate", "--tests", PredictorTestData.IofrolPath, "--max-cycles", "60", "--trees", "10", "--min-apfd", "0.999");

        Assert.Equal(PredictorCli.GateFailed, exit);
        Assert.Contains("FAIL mean APFD", _output.ToString());
    }

    [Fact]
    public async Task Train_BuildSlice_RegistersModelsInTheDataDirectory()
    {
        var data = Path.Combine(_folder, "data");

        var exit = await Run("train", "--builds", BuildsFolder(), "--epochs", "4", "--trees", "20", "--data-dir", data, "--author", "ci-bot");

        Assert.True(exit == PredictorCli.Passed, _output.ToString() + _error.ToString());
        Assert.Contains("registered build-time/v1", _output.ToString());
        Assert.Contains("registered failure-risk/v2", _output.ToString());
        Assert.True(File.Exists(Path.Combine(data, "dashboard.db")));
        Assert.True(Directory.Exists(Path.Combine(data, "models", "failure-risk", "v1")));
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("evaluate", "--builds")]
    [InlineData("evaluate", "--tests", "x.csv", "--min-f1", "0.5")]
    [InlineData("evaluate", "--tests", "x.csv", "--min-apfd", "seven")]
    [InlineData("evaluate", "--tests", "x.csv", "--colour", "red")]
    public async Task Run_BadUsage_ExitsTwoWithTheReason(params string[] args)
    {
        var exit = await Run(args);

        Assert.Equal(PredictorCli.UsageError, exit);
        Assert.Contains("error:", _error.ToString());
        Assert.Contains("usage:", _error.ToString());
    }

    [Fact]
    public async Task Run_MissingFile_ExitsTwoNamingIt()
    {
        var exit = await Run("evaluate", "--builds", Path.Combine(_folder, "nowhere"));

        Assert.Equal(PredictorCli.UsageError, exit);
        Assert.Contains("nowhere", _error.ToString());
    }
}
