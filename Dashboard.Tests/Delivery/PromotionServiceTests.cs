using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Audit;
using MlOpsDashboard.Core.Delivery.Promotion;
using static MlOpsDashboard.Dashboard.Tests.Delivery.DeliveryHarness;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

public sealed class PromotionServiceTests : IDisposable
{
    private readonly DeliveryHarness _delivery = new();

    public void Dispose() => _delivery.Dispose();

    private PromotionService Promotions => _delivery.Promotions;

    [Fact]
    public async Task Context_ProductionOverlay_ReadsItsValuesAndStagingAsSource()
    {
        var context = await Promotions.ContextAsync(Production);

        Assert.Equal(ProductionPath, context.Target.Path);
        Assert.Equal(("ghcr.io/example/model-serving", "1.3.2", "11"), (context.Current.Image, context.Current.ImageTag, context.Current.ModelVersion));
        Assert.Equal("model-serving-staging", context.Source?.Name);
        Assert.Equal(("1.4.0", "12"), (context.SourceValues?.ImageTag, context.SourceValues?.ModelVersion));
    }

    [Fact]
    public async Task Promote_StagingValuesIntoProduction_CommitsOnlyThoseTwoLinesWithReasonAndUser()
    {
        var before = _delivery.Remote.FileAt(_delivery.Remote.Tip(), ProductionFile)!;
        var plan = await Promotions.PlanAsync(new PromotionRequest(Production, ImageTag: "1.4.0", ModelVersion: "12"));

        Assert.Contains("-    newTag: 1.3.2 # promoted from staging\n+    newTag: 1.4.0 # promoted from staging", plan.Diff);
        Assert.Contains("-      - MODEL_VERSION=11 # MLflow registry version served here\n+      - MODEL_VERSION=12 # MLflow registry version served here", plan.Diff);
        Assert.Equal("image ghcr.io/example/model-serving 1.3.2 → 1.4.0, MODEL_VERSION 11 → 12", plan.Summary);

        var result = await Promotions.PromoteAsync(plan, "staging soaked 24 h without alerts", _delivery.Alice);

        Assert.Equal(DeliveryOutcome.Committed, result.Outcome);
        Assert.Equal(result.CommitSha, _delivery.Remote.Tip());
        var expected = before
            .Replace("newTag: 1.3.2 # promoted", "newTag: 1.4.0 # promoted", StringComparison.Ordinal)
            .Replace("MODEL_VERSION=11 #", "MODEL_VERSION=12 #", StringComparison.Ordinal);
        Assert.Equal(expected, _delivery.Remote.FileAt(result.CommitSha!, ProductionFile));
        _delivery.Remote.CommitInfo(result.CommitSha!, c => c.Message, out var message);
        Assert.StartsWith($"Promote {Production}: image ghcr.io/example/model-serving 1.3.2 → 1.4.0, MODEL_VERSION 11 → 12\n\n", message);
        Assert.Contains("Reason: staging soaked 24 h without alerts\nRequested-by: alice (operator) via MLOps Dashboard\nApplication: model-serving-production", message);
        var entry = Assert.Single(await _delivery.Audit.QueryAsync(new AuditQuery()));
        Assert.Equal((AuditAction.Promote, AuditOutcome.Committed, result.CommitSha, "alice", Production), (entry.Action, entry.Outcome, entry.CommitSha, entry.User, entry.Application));
    }

    [Fact]
    public async Task Promote_ValuesAlreadyDeployed_NoCommitAndSaysSo()
    {
        var tip = _delivery.Remote.Tip();
        var plan = await Promotions.PlanAsync(new PromotionRequest(Production, ImageTag: "1.3.2"));

        var result = await Promotions.PromoteAsync(plan, "re-run of yesterday's release", _delivery.Alice);

        Assert.True(plan.NoChange);
        Assert.Equal(DeliveryOutcome.NoChange, result.Outcome);
        Assert.Contains("No commit was made", result.Message);
        Assert.Equal(tip, _delivery.Remote.Tip());
        Assert.Equal(AuditOutcome.NoChange, Assert.Single(await _delivery.Audit.QueryAsync(new AuditQuery())).Outcome);
    }

    [Fact]
    public async Task Promote_UnrelatedCommitSincePreview_ReplannedOnNewTipAndLands()
    {
        var plan = await Promotions.PlanAsync(new PromotionRequest(Production, ImageTag: "1.4.0"));
        var outside = _delivery.Remote.PushOutsideChange("deploy/apps/grafana/overlays/production/kustomization.yaml", t => t + "# tuned\n");

        var result = await Promotions.PromoteAsync(plan, "release 1.4.0", _delivery.Alice);

        Assert.Equal(DeliveryOutcome.Committed, result.Outcome);
        Assert.Equal(outside, result.ReplannedOn);
        Assert.Contains("re-planned", result.Message);
        Assert.True(_delivery.Remote.IsAncestorOfTip(outside));
    }

    [Fact]
    public async Task Promote_SameValueChangedSincePreview_StopsAndShowsTheCommit()
    {
        var plan = await Promotions.PlanAsync(new PromotionRequest(Production, ImageTag: "1.4.0"));
        var outside = _delivery.Remote.PushOutsideChange(ProductionFile, t => t.Replace("newTag: 1.3.2", "newTag: 1.3.3", StringComparison.Ordinal), "Hotfix 1.3.3");

        var result = await Promotions.PromoteAsync(plan, "release 1.4.0", _delivery.Alice);

        Assert.Equal(DeliveryOutcome.Conflict, result.Outcome);
        Assert.Contains("image ghcr.io/example/model-serving is now 1.3.3 (it was 1.3.2 when you previewed)", result.Message);
        Assert.Equal(outside, Assert.Single(result.ChangedBy).Sha);
        Assert.Equal(outside, _delivery.Remote.Tip());
        var entry = Assert.Single(await _delivery.Audit.QueryAsync(new AuditQuery()));
        Assert.Equal(AuditOutcome.Conflict, entry.Outcome);
        Assert.Null(entry.CommitSha);
    }

    [Fact]
    public async Task Promote_TwoReplicasRacingOnDifferentValues_BothLand()
    {
        var second = _delivery.SecondReplica();
        var tagPlan = await Promotions.PlanAsync(new PromotionRequest(Production, ImageTag: "1.4.0"));
        var modelPlan = await second.PlanAsync(new PromotionRequest(Production, ModelVersion: "12"));

        var results = await Task.WhenAll(
            Task.Run(() => Promotions.PromoteAsync(tagPlan, "image", _delivery.Alice)),
            Task.Run(() => second.PromoteAsync(modelPlan, "model", new DeliveryUser("bob", "operator"))));

        Assert.All(results, r => Assert.Equal(DeliveryOutcome.Committed, r.Outcome));
        Assert.All(results, r => Assert.True(_delivery.Remote.IsAncestorOfTip(r.CommitSha!)));
        var final = _delivery.Remote.FileAt(_delivery.Remote.Tip(), ProductionFile)!;
        Assert.Contains("newTag: 1.4.0 # promoted from staging", final);
        Assert.Contains("MODEL_VERSION=12 # MLflow", final);
        Assert.All(_delivery.Remote.BranchUpdates(), u => Assert.True(_delivery.Remote.Descends(u.To, u.From)));
    }

    [Fact]
    public async Task Promote_TwoReplicasRacingOnTheSameTag_OneLandsTheOtherReportsConflict()
    {
        var second = _delivery.SecondReplica();
        var first = await Promotions.PlanAsync(new PromotionRequest(Production, ImageTag: "1.4.0"));
        var other = await second.PlanAsync(new PromotionRequest(Production, ImageTag: "1.5.0"));

        var results = await Task.WhenAll(
            Task.Run(() => Promotions.PromoteAsync(first, "1.4.0", _delivery.Alice)),
            Task.Run(() => second.PromoteAsync(other, "1.5.0", new DeliveryUser("bob", "operator"))));

        var landed = Assert.Single(results, r => r.Outcome == DeliveryOutcome.Committed);
        var refused = Assert.Single(results, r => r.Outcome == DeliveryOutcome.Conflict);
        Assert.Equal(landed.CommitSha, _delivery.Remote.Tip());
        Assert.Contains("when you previewed", refused.Message);
        Assert.Equal(landed.CommitSha, Assert.Single(refused.ChangedBy).Sha);
        Assert.All(_delivery.Remote.BranchUpdates(), u => Assert.True(_delivery.Remote.Descends(u.To, u.From)));
    }

    [Fact]
    public async Task Promote_Replicas_AppendsReplicasBlockForTheWorkload()
    {
        var plan = await Promotions.PlanAsync(new PromotionRequest(Production, Replicas: 2));

        var result = await Promotions.PromoteAsync(plan, "more traffic expected", _delivery.Alice);

        Assert.Equal("replicas of model-serving (none) → 2", Assert.Single(plan.Changes).ToString());
        Assert.EndsWith("replicas:\n  - name: model-serving\n    count: 2\n", _delivery.Remote.FileAt(result.CommitSha!, ProductionFile));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("ok")]
    public async Task Promote_NoReason_RefusedAndNothingWritten(string? reason)
    {
        var tip = _delivery.Remote.Tip();
        var plan = await Promotions.PlanAsync(new PromotionRequest(Production, ImageTag: "1.4.0"));

        var error = await Assert.ThrowsAsync<DeliveryRequestException>(() => Promotions.PromoteAsync(plan, reason, _delivery.Alice));

        Assert.Contains("reason is required", error.Message);
        Assert.Equal(tip, _delivery.Remote.Tip());
        Assert.Empty(await _delivery.Audit.QueryAsync(new AuditQuery()));
    }

    [Fact]
    public async Task Plan_BadInput_ClearErrors()
    {
        Assert.Contains("known: grafana", (await Assert.ThrowsAsync<DeliveryRequestException>(() => Promotions.PlanAsync(new PromotionRequest("nope", ImageTag: "1")))).Message);
        Assert.Contains("not a valid image tag", (await Assert.ThrowsAsync<DeliveryRequestException>(() => Promotions.PlanAsync(new PromotionRequest(Production, ImageTag: "1.4.0; rm -rf")))).Message);
        Assert.Contains("Say what to promote", (await Assert.ThrowsAsync<DeliveryRequestException>(() => Promotions.PlanAsync(new PromotionRequest(Production)))).Message);
        Assert.Contains("no configMapGenerator literal MODEL_VERSION", (await Assert.ThrowsAsync<DeliveryRequestException>(() => Promotions.PlanAsync(new PromotionRequest("mlflow", ModelVersion: "2")))).Message);
    }
}
