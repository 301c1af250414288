using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Pipelines;
using Microsoft.Extensions.Options;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace MlOpsDashboard.Dashboard.Components.Pages.Pipelines;

/// <summary>
/// CI/CT/CD runs with filters, each run's duration against its expected duration, and a run's
/// jobs, steps and failing logs. Refreshes every <see cref="RefreshInterval"/> so running work
/// moves on by itself.
/// </summary>
public sealed partial class Pipelines : IAsyncDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<PipelineRun>? _runs;
    private List<PipelineRun> _filtered = [];
    private Dictionary<long, DurationEstimate?> _estimates = [];
    private IReadOnlyList<ITrace> _traces = [];
    private PipelineRun? _selected;
    private string? _workflow, _branch, _conclusion, _actor;
    private string? _error;
    private bool _loading;
    private DateTimeOffset? _loadedAt;
    private Task? _refreshLoop;

    [Inject] public required IPipelineSource Source { get; init; }

    [Inject] public required IBuildDurationEstimator Estimator { get; init; }

    [Inject] public required IOptions<GitHubOptions> GitHub { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    /// <summary>On arm64 the failure-risk model (libtorch) is not available; CI people should know why its predictions are missing.</summary>
    [Inject] public required FailureRiskRuntime FailureRisk { get; init; }

    /// <summary>/pipelines?run=ID opens that run, e.g. from an analysis or a notification.</summary>
    [SupplyParameterFromQuery(Name = "run")] public long? RunId { get; set; }

    private string ChartTitle => _estimates.Values.FirstOrDefault(e => e is not null) is { } estimate
        ? $"Duration against expected ({estimate.Method})"
        : "Duration (no expected duration yet: no model served and no successful run)";

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        _selected = RunId is { } id ? _runs?.FirstOrDefault(r => r.Id == id) : null;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _refreshLoop = RefreshLoopAsync();
        }
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(RefreshInterval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                await InvokeAsync(LoadAsync);
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            var runs = await Source.ListRunsAsync(GitHub.Value.RunLimit, _disposed.Token);
            var estimates = new Dictionary<long, DurationEstimate?>();
            foreach (var run in runs)
            {
                estimates[run.Id] = await Estimator.EstimateAsync(run, runs, _disposed.Token);
            }
            (_runs, _estimates, _error) = (runs, estimates, null);
            _selected = _selected is null ? null : runs.FirstOrDefault(r => r.Id == _selected.Id) ?? _selected;
            _loadedAt = Clock.GetLocalNow();
            ApplyFilters();
            StateHasChanged();
        }
        catch (PipelineSourceException e)
        {
            _error = e.Message;
            _runs ??= [];
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        finally
        {
            _loading = false;
        }
    }

    private void SetFilter(Action set)
    {
        set();
        ApplyFilters();
    }

    private void ApplyFilters()
    {
        var filter = new PipelineRunFilter(_workflow, _branch, Enum.TryParse<RunConclusion>(_conclusion, out var c) ? c : null, _actor);
        _filtered = [.. (_runs ?? []).Where(filter.Matches)];
        _traces = BuildTraces(_filtered);
    }

    private IEnumerable<string> Distinct(Func<PipelineRun, string> key) =>
        (_runs ?? []).Select(key).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);

    private void Select(PipelineRun? run) => _selected = run ?? _selected;

    private string RowStyle(PipelineRun run, int index) => run.Id == _selected?.Id ? LogStyles.SelectedRun : "cursor: pointer;";

    /// <summary>
    /// Actual durations as points coloured by result; each run's expectation as an open diamond at
    /// the same time, so a run far from its diamond stands out whichever workflows are shown.
    /// </summary>
    private List<ITrace> BuildTraces(List<PipelineRun> runs)
    {
        var completed = runs.Where(r => r.Duration is not null).OrderBy(r => r.CreatedAt).ToList();
        Scatter Points(string name, string colour, Func<PipelineRun, bool> which)
        {
            var selected = completed.Where(which).ToList();
            return new Scatter
            {
                Name = name,
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                X = [.. selected.Select(r => (object)r.CreatedAt.UtcDateTime)],
                Y = [.. selected.Select(r => (object)Minutes(r.Duration!.Value))],
                TextArray = [.. selected.Select(r => $"{r.Workflow} #{r.RunNumber} · {r.Branch}")],
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = colour, Size = 8 },
            };
        }
        var estimated = completed.Where(r => _estimates.GetValueOrDefault(r.Id) is not null).ToList();
        return
        [
            Points("actual · success", "#43a047", r => r.Conclusion == RunConclusion.Success),
            Points("actual · failure", "#e53935", r => r.Conclusion is RunConclusion.Failure or RunConclusion.TimedOut),
            Points("actual · other", "#9e9e9e", r => r.Conclusion is not (RunConclusion.Success or RunConclusion.Failure or RunConclusion.TimedOut)),
            new Scatter
            {
                Name = "expected",
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                X = [.. estimated.Select(r => (object)r.CreatedAt.UtcDateTime)],
                Y = [.. estimated.Select(r => (object)Minutes(_estimates[r.Id]!.Expected))],
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = "#1e88e5", Size = 9, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.DiamondOpen },
                ErrorY = IntervalBars(estimated),
            },
        ];
    }

    /// <summary>The model's interval as bars around each diamond; none when the estimate has no interval (the median baseline).</summary>
    private Plotly.Blazor.Traces.ScatterLib.ErrorY? IntervalBars(List<PipelineRun> estimated)
    {
        if (estimated.Any(r => _estimates[r.Id]!.Upper is null))
        {
            return null;
        }
        return new Plotly.Blazor.Traces.ScatterLib.ErrorY
        {
            Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data,
            Symmetric = false,
            Array = [.. estimated.Select(r => (object)Minutes(_estimates[r.Id]!.Upper!.Value - _estimates[r.Id]!.Expected))],
            ArrayMinus = [.. estimated.Select(r => (object)Minutes(_estimates[r.Id]!.Expected - _estimates[r.Id]!.Lower!.Value))],
            Color = "#1e88e5",
            Thickness = 1,
            Width = 3,
        };
    }

    private static double Minutes(TimeSpan duration) => Math.Round(duration.TotalMinutes, 2);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_refreshLoop is not null)
        {
            await _refreshLoop;
        }
        _disposed.Dispose();
    }
}
