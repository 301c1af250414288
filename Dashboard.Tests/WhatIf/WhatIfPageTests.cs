using System.Globalization;
using Bunit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Predictors.Serving;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;
using MlOpsDashboard.Dashboard.Components.Pages.WhatIf;
using MlOpsDashboard.Dashboard.Tests.Predictions;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.WhatIf;

public sealed class WhatIfPageTests : BunitTestContext
{
    private async Task<ServedModelSelector> ServeAsync(TestModelRegistry registry)
    {
        Services.AddSingleton<IServedModelProvider>(registry);
        var options = Options.Create(new PredictionApiOptions());
        var reader = new KubernetesDeployedVersionReader(Options.Create(new ClusterOptions { Mode = "None" }), Options.Create(new ManifestsOptions()), options);
        var selector = new ServedModelSelector(Services, reader, options, TimeProvider.System, NullLogger<ServedModelSelector>.Instance);
        Services.AddSingleton(selector);
        await selector.RefreshAsync(CancellationToken.None);
        return selector;
    }

    [Fact]
    public async Task Slider_MoreLinesAdded_LongerPredictedBuildTimeInThatScenarioOnly()
    {
        await ServeAsync(new TestModelRegistry().AddTrained(1));
        var page = Render<Components.Pages.WhatIf.WhatIf>();
        var before = PredictedSeconds(page);

        page.Find("[data-scenario=A] input[data-feature=LinesAdded]").Input("4000");

        var after = PredictedSeconds(page);
        Assert.True(after[0] > before[0] + 1_000, $"A went from {before[0]} to {after[0]}");
        Assert.Equal(before[1], after[1]);
        Assert.Contains("Split the change", page.Find("[data-scenario=A] [data-testid=recommendations]").TextContent);
    }

    [Fact]
    public async Task Scenarios_PreviousFailureInB_HigherRiskAndDriversListed()
    {
        await ServeAsync(new TestModelRegistry().AddTrained(1));
        var page = Render<Components.Pages.WhatIf.WhatIf>();

        var risks = page.FindAll("[data-testid=failure-risk]").Select(e => double.Parse(e.TextContent.Split('%')[0], CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(2, risks.Count);
        Assert.True(risks[1] > risks[0]);
        Assert.NotEmpty(page.FindAll("[data-scenario=A] [data-driver]"));
    }

    [Fact]
    public async Task ChangedFiles_SelectTests_SummaryWithSavedTime()
    {
        await ServeAsync(new TestModelRegistry().AddTrained(1));
        var page = Render<Components.Pages.WhatIf.WhatIf>();

        page.Find("[data-testid=select-tests]").Click();

        var summary = page.Find("[data-testid=selection-summary]").TextContent;
        Assert.Matches(@"\d+ of \d+ tests selected: .* saving ", summary);
        Assert.Contains("Billing.", page.Find("table").TextContent);
    }

    [Fact]
    public async Task NoModels_WarningAndNoPrediction()
    {
        await ServeAsync(new TestModelRegistry());
        var page = Render<Components.Pages.WhatIf.WhatIf>();

        Assert.NotNull(page.Find("[data-testid=no-models]"));
        Assert.Empty(page.FindAll("[data-testid=predicted-seconds]"));
    }

    private static List<double> PredictedSeconds(IRenderedComponent<Components.Pages.WhatIf.WhatIf> page) =>
        [.. page.FindAll("[data-testid=predicted-seconds]").Select(e => Seconds(e.TextContent))];

    private static double Seconds(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 4 ? (double.Parse(parts[0], CultureInfo.InvariantCulture) * 60) + double.Parse(parts[2], CultureInfo.InvariantCulture) : double.Parse(parts[0], CultureInfo.InvariantCulture);
    }
}
