using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Dashboard.Components.Pages.Models;
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

    private Task<ModelVersion> Register(string trainer, double auc, double f1) => _registry.RegisterAsync(new ModelRegistration(
        PredictorKind.FailureRisk, trainer, "BuildFast CSV: buildfast (15 projects)",
        new Dictionary<string, double> { ["validation.auc"] = auc, ["test.f1"] = f1 },
        [new ProjectFigure("acme/widgets", new Dictionary<string, double> { ["f1"] = f1 })],
        ReferenceProfile.Build([[1f, 2f], [3f, 4f]], ["a", "b"]), "tester",
        dir => File.WriteAllText(Path.Combine(dir, "model.txt"), trainer)));

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
}
