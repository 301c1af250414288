using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Cluster;
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

    /// <summary>/delivery/{app}?modelVersion=10 (the Drift page's rollback) opens Promote with that MODEL_VERSION set.</summary>
    [SupplyParameterFromQuery(Name = "modelVersion")]
    public string? ModelVersion { get; set; }

    [Inject]
    public required PromotionService Promotions { get; init; }

    [Inject]
    public required ArgoApplicationReader Argo { get; init; }

    [Inject]
    public required ClusterState Cluster { get; init; }

    [Inject]
    public required AuditLog Audit { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _polling ??= FollowArgoAsync(_disposed.Token);
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

    // Follows the shared cluster state's change stream: a change to the application shows at
    // once, with no API call of its own.
    private async Task FollowArgoAsync(CancellationToken cancellationToken)
    {
        var changes = Cluster.WatchAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            // Subscribed by the first MoveNextAsync, before the first read: no change falls in between.
            var next = changes.MoveNextAsync();
            await ShowArgoAsync(cancellationToken);
            while (await next)
            {
                // Only this application's changes (any namespace) and the watch's own state matter here.
                var change = changes.Current;
                if (change.Type == ClusterChangeType.Connection
                    || (change.Kind == ClusterKind.Applications && (change.Key == Application || change.Key.EndsWith($"/{Application}", StringComparison.Ordinal))))
                {
                    await ShowArgoAsync(cancellationToken);
                }
                next = changes.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await changes.DisposeAsync();
        }
    }

    private async Task ShowArgoAsync(CancellationToken cancellationToken)
    {
        var argo = await Argo.GetAsync(Application, cancellationToken);
        var message = !Argo.IsConfigured ? "No cluster configured (Cluster:Mode=None)."
            : argo is not null ? null
            : Argo.IsLive ? "Argo CD has no such Application."
            : "Waiting for the cluster's applications…";
        _argo = argo;
        _argoMessage = message;
        await InvokeAsync(StateHasChanged);
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
