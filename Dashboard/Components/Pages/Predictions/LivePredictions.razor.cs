using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace MlOpsDashboard.Dashboard.Components.Pages.Predictions;

/// <summary>
/// Predictions flowing through the API as they happen. New predictions are collected off the
/// render thread and applied in one batch every <see cref="FlushInterval"/>, so thousands of
/// requests per second cost the circuit two renders a second, not thousands.
/// </summary>
public sealed partial class LivePredictions : IAsyncDisposable
{
    internal static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _pendingGate = new();
    private List<PredictionRecord> _pending = [];
    private readonly List<PredictionRecord> _recent = [];
    private Task? _listener;
    private Task? _flusher;

    [Inject] public required PredictionFeed Feed { get; init; }

    [Inject] public required IOptions<PredictionApiOptions> Options { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    /// <summary>"build-time" (every version) or "build-time/v3" (one version).</summary>
    internal string Selection { get; private set; } = ModelVersionId.Slug(PredictorKind.BuildTime);

    internal List<PredictionRecord> Rows { get; private set; } = [];

    internal LivePredictionStats Stats { get; private set; } = LivePredictionStats.Compute([], DateTimeOffset.UnixEpoch);

    internal IReadOnlyList<string> Choices { get; private set; } = [];

    internal DateTimeOffset? UpdatedAt { get; private set; }

    private PredictorKind SelectedKind => ModelVersionId.TryParse(Selection, out var id) ? id.Kind : KindOf(Selection);

    private IReadOnlyList<ITrace> HistogramTraces =>
    [
        new Bar
        {
            Name = "predictions",
            X = [.. Stats.Histogram.Select(b => (object)((b.From + b.To) / 2))],
            Y = [.. Stats.Histogram.Select(b => (object)b.Count)],
            TextArray = [.. Stats.Histogram.Select(b => $"{b.From:0.###} – {b.To:0.###}: {b.Count}")],
            TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.None,
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#1e88e5" },
        },
    ];

    private IReadOnlyList<ITrace> ThroughputTraces =>
    [
        new Scatter
        {
            Name = "requests/s",
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
            X = [.. Stats.Throughput.Select(p => (object)p.Second.UtcDateTime)],
            Y = [.. Stats.Throughput.Select(p => (object)p.Count)],
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = "#43a047" },
        },
    ];

    protected override void OnInitialized()
    {
        // Snapshot first, then subscribe: at worst a prediction published in between is missing
        // from this page (it is still logged); never shown twice.
        _recent.AddRange(Feed.Snapshot());
        Recompute();
        _listener = ListenAsync(_disposed.Token);
        _flusher = FlushLoopAsync(_disposed.Token);
    }

    internal Task SelectAsync(string selection)
    {
        Selection = selection;
        Recompute();
        StateHasChanged();
        return Task.CompletedTask;
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        await foreach (var record in Feed.SubscribeAsync(cancellationToken))
        {
            lock (_pendingGate)
            {
                _pending.Add(record);
            }
        }
    }

    private async Task FlushLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                List<PredictionRecord> batch;
                lock (_pendingGate)
                {
                    (batch, _pending) = (_pending, []);
                }
                // Throughput decays to zero when traffic stops, so re-render even without new rows.
                await InvokeAsync(() =>
                {
                    Apply(batch);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page is going away.
        }
    }

    private void Apply(List<PredictionRecord> batch)
    {
        _recent.AddRange(batch);
        var keep = Math.Max(1, Options.Value.Log.RecentCount);
        if (_recent.Count > keep)
        {
            _recent.RemoveRange(0, _recent.Count - keep);
        }
        Recompute();
    }

    private void Recompute()
    {
        var now = Clock.GetUtcNow();
        Choices = [.. Enum.GetValues<PredictorKind>().Select(ModelVersionId.Slug),
            .. _recent.Select(r => r.Model).Distinct().OrderBy(m => m.Kind).ThenBy(m => m.Number).Select(m => m.ToString())];
        var selected = _recent.Where(Matches).ToList();
        Stats = LivePredictionStats.Compute(selected, now);
        selected.Reverse();
        Rows = selected;
        UpdatedAt = now;
    }

    private bool Matches(PredictionRecord record) =>
        ModelVersionId.TryParse(Selection, out var version) ? record.Model == version : record.Model.Kind == KindOf(Selection);

    private static PredictorKind KindOf(string slug) =>
        Enum.GetValues<PredictorKind>().FirstOrDefault(k => ModelVersionId.Slug(k) == slug);

    private static string ChoiceLabel(string choice) => choice.Contains('/', StringComparison.Ordinal) ? choice : $"{choice} (all versions)";

    private static string Milliseconds(double? value) => value is null ? "–" : $"{value:0.###} ms";

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        foreach (var task in new[] { _listener, _flusher })
        {
            if (task is not null)
            {
                await task;
            }
        }
        _disposed.Dispose();
    }
}
