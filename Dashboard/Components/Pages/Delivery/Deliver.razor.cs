using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Audit;
using MlOpsDashboard.Core.Delivery.Promotion;

namespace MlOpsDashboard.Dashboard.Components.Pages.Delivery;

/// <summary>
/// One application's delivery: what git says it runs, what Argo CD reports, Promote and
/// Rollback, and the recent audit entries. After a commit the page follows the application
/// until Argo CD reports that revision Synced.
/// </summary>
public sealed partial class Deliver : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _disposed = new();
    private PromotionContext? _context;
    private ArgoApplicationState? _argo;
    private IReadOnlyList<AuditEntry> _audit = [];
    private string? _argoMessage;
    private string? _error;
    private string? _lastCommit;
    private Task? _polling;

    [Parameter]
    public required string Application { get; set; }

    [Inject]
    public required PromotionService Promotions { get; init; }

    [Inject]
    public required ArgoApplicationReader Argo { get; init; }

    [Inject]
    public required AuditLog Audit { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _polling ??= PollArgoAsync(_disposed.Token);
    }

    private async Task LoadAsync()
    {
        try
        {
            _context = await Promotions.ContextAsync(Application, _disposed.Token);
            _error = null;
        }
        catch (Exception e) when (e is DeliveryRequestException or ManifestRepositoryException)
        {
            _error = e.Message;
        }
        _audit = await Audit.QueryAsync(new AuditQuery { Application = Application, Limit = 10 }, _disposed.Token);
    }

    private async Task DeliveredAsync(DeliveryResult result)
    {
        _lastCommit = result.Outcome == DeliveryOutcome.Committed ? result.CommitSha : _lastCommit;
        await LoadAsync();
    }

    // Polled rather than watched: this page is open for minutes at most, for one application.
    private async Task PollArgoAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _argo = await Argo.GetAsync(Application, cancellationToken);
                _argoMessage = !Argo.IsConfigured ? "No cluster configured (Cluster:Mode=None)." : _argo is null ? "Argo CD has no such Application." : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _argoMessage = $"Argo CD not reachable: {e.Message}";
            }
            try
            {
                await InvokeAsync(StateHasChanged);
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        if (_polling is not null)
        {
            try
            {
                await _polling;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _disposed.Dispose();
    }
}
