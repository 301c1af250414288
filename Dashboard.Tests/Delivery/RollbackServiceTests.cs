using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Audit;
using MlOpsDashboard.Core.Delivery.Promotion;
using static MlOpsDashboard.Dashboard.Tests.Delivery.DeliveryHarness;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

public sealed class RollbackServiceTests : IDisposable
{
    private readonly DeliveryHarness _delivery = new();

    public void Dispose() => _delivery.Dispose();

    private async Task<string> PromoteAsync(string tag, string? modelVersion = null)
    {
        var plan = await _delivery.Promotions.PlanAsync(new PromotionRequest(Production, ImageTag: tag, ModelVersion: modelVersion));
        return (await _delivery.Promotions.PromoteAsync(plan, $"release {tag}", _delivery.Alice)).CommitSha!;
    }

    [Fact]
    public async Task Rollback_ToSeedAfterTwoPromotions_NewCommitWhosePathTreeIsExactlyTheSeeds()
    {
        var seed = _delivery.Remote.Tip();
        await PromoteAsync("1.4.0", "12");
        _delivery.Remote.PushOutsideChange($"{ProductionPath}/extra-note.yaml", _ => "# a file added after the seed\n");
        var second = await PromoteAsync("1.5.0");
        var before = _delivery.Remote.Tip();

        var plan = await _delivery.Rollbacks.PlanAsync(Production, seed);
        var result = await _delivery.Rollbacks.RollbackAsync(plan, "1.5.0 crash-loops", _delivery.Alice);

        Assert.Equal(DeliveryOutcome.Committed, result.Outcome);
        Assert.Contains("-    newTag: 1.5.0 # promoted from staging\n+    newTag: 1.3.2 # promoted from staging", plan.Diff);
        Assert.Contains("deleted file mode", plan.Diff);
        Assert.Equal(_delivery.Remote.TreeAt(seed, ProductionPath), _delivery.Remote.TreeAt(result.CommitSha!, ProductionPath));
        Assert.Equal(_delivery.Remote.TreeAt(before, "deploy/apps/grafana"), _delivery.Remote.TreeAt(result.CommitSha!, "deploy/apps/grafana"));
        _delivery.Remote.CommitInfo(result.CommitSha!, c => c.Parents.Single().Sha + "\n" + c.Message, out var parentAndMessage);
        Assert.StartsWith($"{before}\nRoll back {Production} to {seed[..7]}\n", parentAndMessage);
        Assert.Contains("Reason: 1.5.0 crash-loops", parentAndMessage);
        Assert.True(_delivery.Remote.IsAncestorOfTip(second));
        Assert.Equal(AuditAction.Rollback, (await _delivery.Audit.QueryAsync(new AuditQuery { Action = AuditAction.Rollback })).Single().Action);
    }

    [Fact]
    public async Task History_AfterTwoPromotions_NewestFirstCurrentMarkedAndLastHealthyIsThePrevious()
    {
        var seed = _delivery.Remote.Tip();
        var first = await PromoteAsync("1.4.0");
        var second = await PromoteAsync("1.5.0");

        var history = await _delivery.Rollbacks.HistoryAsync(Production);

        Assert.Equal([second, first, seed], history.Candidates.Select(c => c.Commit.Sha));
        Assert.Equal([true, false, false], history.Candidates.Select(c => c.IsCurrent));
        Assert.Null(history.Argo);
        Assert.Equal(first, history.LastHealthy?.Commit.Sha);
        var plan = await _delivery.Rollbacks.PlanLastHealthyAsync(Production);
        Assert.Equal(first, plan.TargetRevision);
    }

    [Fact]
    public async Task Rollback_PathChangedSincePreview_ConflictAndNothingWritten()
    {
        var seed = _delivery.Remote.Tip();
        await PromoteAsync("1.4.0");
        var plan = await _delivery.Rollbacks.PlanAsync(Production, seed);
        var hotfix = _delivery.Remote.PushOutsideChange(ProductionFile, t => t.Replace("1.4.0", "1.4.1", StringComparison.Ordinal), "Hotfix 1.4.1");

        var result = await _delivery.Rollbacks.RollbackAsync(plan, "bad release", _delivery.Alice);

        Assert.Equal(DeliveryOutcome.Conflict, result.Outcome);
        Assert.Equal(hotfix, Assert.Single(result.ChangedBy).Sha);
        Assert.Equal(hotfix, _delivery.Remote.Tip());
    }

    [Fact]
    public async Task Rollback_ToTheCurrentState_NoCommit()
    {
        var seed = _delivery.Remote.Tip();
        _delivery.Remote.PushOutsideChange("deploy/apps/grafana/overlays/production/kustomization.yaml", t => t + "# unrelated\n");
        var tip = _delivery.Remote.Tip();

        var plan = await _delivery.Rollbacks.PlanAsync(Production, seed);
        var result = await _delivery.Rollbacks.RollbackAsync(plan, "just checking", _delivery.Alice);

        Assert.True(plan.NoChange);
        Assert.Equal(DeliveryOutcome.NoChange, result.Outcome);
        Assert.Equal(tip, _delivery.Remote.Tip());
    }

    [Fact]
    public async Task Plan_UnknownRevision_ClearError()
    {
        var error = await Assert.ThrowsAsync<DeliveryRequestException>(() => _delivery.Rollbacks.PlanAsync(Production, new string('a', 40)));

        Assert.Contains("is not in the manifests repository", error.Message);
    }
}
