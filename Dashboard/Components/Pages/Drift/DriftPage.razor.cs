using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Drift.Investigation;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Dashboard.Components.Pages.Drift;

/// <summary>
/// Which features of a model drift, since when, and whether it began with a deployment. The two
/// action buttons lead to other areas: an analysis with this drift as context, and the rollback
/// form of the model-serving application with the version before drift preselected.
/// </summary>
public sealed partial class DriftPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<MonitoredVersion>? _versions;
    private DriftOverview? _overview;
    private DriftWindow? _window;
    private string? _model;
    private string? _feature;
    private int _rangeHours = 24;
    private DeployMarkers _deploys = new([], null);
    private DistributionComparison? _comparison;
    private string? _comparisonProblem;
    private string? _rollbackTo;
    private bool _isOperator;
    private bool _loading = true;

    [Inject] public required DriftHistory History { get; init; }
    [Inject] public required IReferenceProfileStore Profiles { get; init; }
    [Inject] public required IServedFeatureSource Served { get; init; }
    [Inject] public required IDeployMarkerSource DeployMarkers { get; init; }
    [Inject] public required IOptions<DriftOptions> Options { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required IOptions<PredictionApiOptions> Predictions { get; init; }

    [CascadingParameter] public Task<AuthenticationState>? Authentication { get; set; }

    /// <summary>Preselects a model, e.g. from an alert's link: /drift?model=failure-risk.</summary>
    [SupplyParameterFromQuery(Name = "model")] public string? ModelQuery { get; set; }

    private IEnumerable<string> Models => _versions?.Select(v => v.Model).Distinct() ?? [];

    private string? InvestigateHref => _model is null || _window is null ? null
        : $"/analyses?drift={Uri.EscapeDataString(_model)}&version={Uri.EscapeDataString(_overview?.In(_window.Value).FirstOrDefault()?.Version ?? "")}&window={_window.Value.Start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

    private string? RollbackHref => _rollbackTo is null ? null : DriftRollback.Href(Predictions.Value.Serving.Application, _rollbackTo);

    private string RollbackTooltip => !_isOperator ? "Operators and admins can roll back"
        : _rollbackTo is null ? "No earlier profiled version to roll back to, or no drift now"
        : $"Open the rollback of model serving with version {_rollbackTo} preselected";

    protected override async Task OnInitializedAsync()
    {
        if (Authentication is not null)
        {
            var user = (await Authentication).User;
            _isOperator = Roles.AtLeast(Roles.Operator).Any(user.IsInRole);
        }
        _versions = await History.VersionsAsync(_disposed.Token);
        _model = Models.Contains(ModelQuery) ? ModelQuery : Models.FirstOrDefault();
        await LoadAsync();
    }

    private async Task SelectModelAsync(string model)
    {
        _model = model;
        _feature = null;
        await LoadAsync();
    }

    private async Task SelectRangeAsync(int hours)
    {
        _rangeHours = hours;
        await LoadAsync();
    }

    private async Task SelectWindowAsync(DateTimeOffset start)
    {
        _window = _overview?.Windows.FirstOrDefault(w => w.Start == start);
        await LoadComparisonAsync();
    }

    private async Task SelectFeatureAsync(string feature)
    {
        _feature = feature;
        await LoadComparisonAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            if (_model is null)
            {
                return;
            }
            var to = Clock.GetUtcNow();
            var from = to - TimeSpan.FromHours(_rangeHours);
            var results = await History.ResultsAsync(_model, from, to, _disposed.Token);
            _overview = DriftOverview.Build(results);
            _window = _overview.Latest;
            _feature = _window is { } latest ? _overview.In(latest).FirstOrDefault()?.Feature : null;
            _deploys = await DeployMarkers.ReadAsync(from, to, _disposed.Token);
            _rollbackTo = await DriftRollback.TargetAsync(Profiles, _model, _overview, _disposed.Token);
            await LoadComparisonAsync();
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task LoadComparisonAsync()
    {
        _comparison = null;
        if (_overview is null || _window is not { } window || _feature is null || _model is null)
        {
            return;
        }
        var version = _overview.In(window).FirstOrDefault(s => s.Feature == _feature)?.Version;
        var profile = version is null ? null : await Profiles.GetAsync(_model, version, _disposed.Token);
        if (profile?.Feature(_feature) is not { } feature)
        {
            _comparisonProblem = $"No reference profile of {_feature} for {_model} {version}.";
            return;
        }
        var served = await Served.ReadWindowAsync(_model, version!, window.Start, window.End, _disposed.Token);
        _comparison = DistributionComparison.Build(feature, served);
        _comparisonProblem = null;
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
