using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Dashboard.Components.Pages.Models;
using MlOpsDashboard.Dashboard.Components.Shared.Charts;
using Plotly.Blazor.Traces;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Models;

public sealed class ModelsPageTests : BunitTestContext
{
    private readonly string _data = Directory.CreateTempSubdirectory("mlops-models-page-").FullName;
    private readonly TestDatabase _database = new();
    private readonly ModelRegistry _registry;

    public ModelsPageTests()
    {
        _registry = new ModelRegistry(_database, Options.Create(new DataOptions { Directory = _data }), TimeProvider.System);
        Services.AddSingleton<IDbContextFactory<DashboardDbContext>>(_database);
        Services.AddSingleton(_registry);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _database.Dispose();
        TempFolders.TryDelete(_data);
    }

    private Task<ModelVersion> Register(string trainer, double auc, double f1, FeatureImportanceSet? importance = null) => _registry.RegisterAsync(new ModelRegistration(
        PredictorKind.FailureRisk, trainer, "BuildFast CSV: buildfast (15 projects)",
        new Dictionary<string, double> { ["validation.auc"] = auc, ["test.f1"] = f1 },
        [new ProjectFigure("acme/widgets", new Dictionary<string, double> { ["f1"] = f1 })],
        ReferenceProfile.Build([[1f, 2f], [3f, 4f]], ["a", "b"]), "tester",
        dir => File.WriteAllText(Path.Combine(dir, "model.txt"), trainer))
    {
        FeatureImportance = importance ?? FeatureImportanceSet.Empty,
    });

    private static FeatureImportanceSet Importance(params (string Feature, double Value)[] features) =>
        new("validation ROC AUC drop", [.. features.Select(f => new FeatureImportance(f.Feature, f.Value))]);

    [Fact]
    public async Task Models_ChampionAndChallenger_ListedWithDataSourceAndComparedSideBySide()
    {
        var network = await Register("torchsharp-mlp", 0.905, 0.434);
        var tree = await Register("mlnet-fasttree", 0.900, 0.445);
        await _registry.SetAliasAsync(network.Id, ModelAlias.Champion);
        await _registry.SetAliasAsync(tree.Id, ModelAlias.Challenger);

        var page = Render<Components.Pages.Models.Models>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-version]")));
        var rows = page.FindAll("[data-testid=models-failure-risk] [data-version]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("champion", page.Find("[data-version='failure-risk/v1']").TextContent);
        Assert.Contains("challenger", page.Find("[data-version='failure-risk/v2']").TextContent);
        Assert.Contains("BuildFast CSV", rows[0].TextContent);
        var auc = page.Find("[data-testid=compare-metrics] [data-metric='validation.auc']").TextContent;
        Assert.Contains("0.905", auc);
        Assert.Contains("0.900", auc);
        Assert.Contains("acme/widgets", page.Find("[data-testid=compare-projects]").TextContent);
        Assert.Contains("No versions registered", page.Find("[data-testid=models-build-time]").TextContent);
    }

    [Fact]
    public void Models_EmptyRegistry_SaysHowToGetModels()
    {
        var page = Render<Components.Pages.Models.Models>();

        page.WaitForAssertion(() => Assert.Contains("-- train", page.Find("[data-testid=models-empty]").TextContent));
    }

    [Fact]
    public async Task Models_CompareVersions_DrawsEachVersionsFeatureImportanceMostImportantOnTop()
    {
        var many = Enumerable.Range(0, 20).Select(i => ($"Feature{i:00}", 0.001 * i)).Append(("PreviousBuildFailed", 0.12)).ToArray();
        var network = await Register("torchsharp-mlp", 0.905, 0.434, Importance(many));
        var tree = await Register("mlnet-fasttree", 0.900, 0.445, Importance(("FailureRatio", 0.08), ("PreviousBuildFailed", 0.05), ("TeamSize", 0)));
        await _registry.SetAliasAsync(network.Id, ModelAlias.Champion);
        await _registry.SetAliasAsync(tree.Id, ModelAlias.Challenger);

        var page = Render<Components.Pages.Models.Models>();

        // The registry read and the first chart render take longer than bUnit's 1 s default on the shared machine.
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=feature-importance]").Count), TimeSpan.FromSeconds(15));
        var charts = page.FindComponents<FeatureImportanceChart>();
        var left = Assert.IsType<Bar>(Assert.Single(charts[0].FindComponent<DashboardChart>().Instance.CurrentData));
        // The 12 most important of 21, drawn bottom-up so the most important bar is on top.
        Assert.Equal(12, left.Y.Count);
        Assert.Equal("PreviousBuildFailed", left.Y[^1]);
        Assert.Equal(0.12, (double)left.X[^1]);
        Assert.Equal("Feature09", left.Y[0]);
        Assert.Equal("validation ROC AUC drop", charts[0].FindComponent<DashboardChart>().Instance.XAxisTitle);
        var right = Assert.IsType<Bar>(Assert.Single(charts[1].FindComponent<DashboardChart>().Instance.CurrentData));
        Assert.Equal(["TeamSize", "PreviousBuildFailed", "FailureRatio"], right.Y.Cast<string>());
        Assert.Equal("failure-risk/v2", page.FindAll("[data-testid=feature-importance]")[1].GetAttribute("data-version"));
    }

    [Fact]
    public async Task Models_VersionWithoutOrWithUnreadableImportance_SaysSoInsteadOfAChart()
    {
        var old = await Register("torchsharp-mlp", 0.9, 0.4);
        var broken = await Register("mlnet-fasttree", 0.9, 0.4, Importance(("FailureRatio", 0.08)));
        await File.WriteAllTextAsync(Path.Combine(broken.Directory, FeatureImportanceSet.FileName), "{ not json");

        var page = Render<Components.Pages.Models.Models>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=feature-importance]").Count), TimeSpan.FromSeconds(15));
        Assert.Contains("no feature importance stored", page.Find("[data-testid=feature-importance-missing]").TextContent, StringComparison.Ordinal);
        Assert.Contains($"{broken.Id}", page.Find("[data-testid=feature-importance-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindComponents<DashboardChart>());
        Assert.Equal(old.Id.ToString(), page.FindAll("[data-testid=feature-importance]").Select(e => e.GetAttribute("data-version")).First(v => v == old.Id.ToString()));
    }
}
