using System.Globalization;
using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;
using MlOpsDashboard.Core.Predictors.Serving.Traffic;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Dashboard.Components.Pages.WhatIf;

/// <summary>
/// Hypothetical builds against the served models, in process (no HTTP round trip, not logged:
/// what-ifs must not count as served traffic or skew drift windows).
/// </summary>
public sealed partial class WhatIf : IDisposable
{
    [Inject] public required ServedModelSelector Selector { get; init; }

    internal List<WhatIfScenario> Scenarios { get; } = [new("A"), new("B")];

    internal string ChangedFiles { get; set; } = "src/Billing/InvoiceService.cs\nsrc/Checkout/CartController.cs";

    internal double Threshold { get; set; } = 0.2;

    internal TestSelectionResult? Selection { get; private set; }

    private ServedModelSet Current => Selector.Current;

    private bool ModelsLoaded => Current.BuildTime is not null && Current.FailureRisk is not null;

    private bool TestModelLoaded => Current.TestSelection is not null;

    private string Served => Current.Describe();

    private string Deployment => Current.Deployment.Explanation;

    private static int TestCount => SandboxTestCatalog.Tests.Count;

    protected override void OnInitialized()
    {
        // B starts as a bigger change after a failure, so the comparison says something at first sight.
        Scenarios[1].Values["LinesAdded"] = 1_200;
        Scenarios[1].Values["FilesModified"] = 40;
        Scenarios[1].PreviousBuildFailed = true;
        Selector.Changed += OnServedChanged;
        foreach (var scenario in Scenarios)
        {
            Predict(scenario);
        }
    }

    internal void SetValue(WhatIfScenario scenario, string feature, object? value)
    {
        if (double.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            scenario.Values[feature] = number;
            Predict(scenario);
        }
    }

    private void SetFlag(WhatIfScenario scenario, bool? previousFailed = null, bool? pullRequest = null)
    {
        scenario.PreviousBuildFailed = previousFailed ?? scenario.PreviousBuildFailed;
        scenario.IsPullRequest = pullRequest ?? scenario.IsPullRequest;
        Predict(scenario);
    }

    private void Predict(WhatIfScenario scenario)
    {
        var served = Current;
        var features = scenario.ToFeatures();
        scenario.BuildTime = served.BuildTime?.Predictor.Predict(features);
        scenario.FailureRisk = served.FailureRisk?.Predictor.Predict(features);
    }

    internal void SelectTests()
    {
        if (Current.TestSelection is not { } model)
        {
            return;
        }
        var files = ChangedFiles.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Selection = model.Predictor.Select(new TestSelectionRequest(SandboxTestCatalog.ForChange(files), Math.Clamp(Threshold, 0, 1)));
    }

    private void OnServedChanged(ServedModelSet _) => InvokeAsync(() =>
    {
        foreach (var scenario in Scenarios)
        {
            Predict(scenario);
        }
        StateHasChanged();
    });

    public void Dispose() => Selector.Changed -= OnServedChanged;
}
