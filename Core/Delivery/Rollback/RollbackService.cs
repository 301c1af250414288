using LibGit2Sharp;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Delivery.Audit;

namespace MlOpsDashboard.Core.Delivery.Rollback;

/// <summary>
/// Rollback the GitOps way: a NEW commit whose tree at the application's path is exactly the tree
/// at the chosen revision. History is never rewritten, and since the branch itself changes, Argo
/// CD's auto-sync deploys it instead of fighting it (unlike Argo CD's own rollback).
/// </summary>
public sealed class RollbackService(ManifestRepository repository, ArgoApplicationReader argo, DeliveryExecutor executor, IOptions<ManifestsOptions> options)
{
    public async Task<RollbackHistory> HistoryAsync(string application, int max = 20, CancellationToken cancellationToken = default)
    {
        await repository.FetchAsync(cancellationToken);
        var target = await FindAsync(application, cancellationToken);
        ArgoApplicationState? state = null;
        try
        {
            state = await argo.GetAsync(application, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or k8s.Exceptions.KubeConfigException or IOException)
        {
            // Git history alone still allows a rollback; the page says Argo CD was not reachable.
        }
        var commits = await repository.HistoryAsync(target.Path, max, cancellationToken: cancellationToken);
        return await repository.ReadAsync(null, tip =>
        {
            var current = tip.TreeSha(target.Path);
            var deployedTrees = new Dictionary<string, ArgoDeployment>(StringComparer.Ordinal);
            foreach (var deployment in state?.History ?? [])
            {
                if (tip.Repository.Lookup<Commit>(deployment.Revision)?[target.Path]?.Target.Sha is { } tree)
                {
                    deployedTrees.TryAdd(tree, deployment); // the first deployment of that state
                }
            }
            var candidates = commits.Select(c =>
            {
                var tree = tip.Repository.Lookup<Commit>(c.Sha)?[target.Path]?.Target.Sha;
                var deployed = tree is not null && deployedTrees.TryGetValue(tree, out var d) ? d : null;
                return new RollbackCandidate(c, tree, tree == current, deployed?.DeployedAt, deployed?.Id);
            }).ToList();
            return new RollbackHistory(target, candidates, state, tip.Revision);
        }, cancellationToken);
    }

    public async Task<RollbackPlan> PlanAsync(string application, string targetRevision, CancellationToken cancellationToken = default)
    {
        await repository.FetchAsync(cancellationToken);
        var target = await FindAsync(application, cancellationToken);
        var plan = await repository.ReadAsync(null, tip =>
        {
            var commit = tip.Repository.Lookup<Commit>(targetRevision)
                ?? throw new DeliveryRequestException($"Revision '{targetRevision}' is not in the manifests repository.");
            return new RollbackPlan(application, target.Path, commit.Sha, commit.MessageShort, tip.Revision, tip.TreeSha(target.Path), commit[target.Path]?.Target.Sha, "");
        }, cancellationToken);
        if (plan.TargetTreeSha is null)
        {
            throw new DeliveryRequestException($"{target.Path} did not exist at {plan.TargetRevision[..7]}; rolling back there would delete the application.");
        }
        var diff = await repository.PreviewAsync(plan.BaseRevision, [new PutTree(target.Path, plan.TargetTreeSha)], cancellationToken);
        return plan with { Diff = diff };
    }

    public async Task<RollbackPlan> PlanLastHealthyAsync(string application, CancellationToken cancellationToken = default)
    {
        var history = await HistoryAsync(application, cancellationToken: cancellationToken);
        var pick = history.LastHealthy ?? throw new DeliveryRequestException($"{application} has no earlier state of {history.Target.Path} to roll back to.");
        return await PlanAsync(application, pick.Commit.Sha, cancellationToken);
    }

    public async Task<DeliveryResult> RollbackAsync(RollbackPlan preview, string? reason, DeliveryUser user, CancellationToken cancellationToken = default)
    {
        var why = DeliveryExecutor.RequireReason(reason);
        // Only the revision and base come from the preview: path and tree are derived again here, so
        // a tampered plan cannot write an arbitrary tree or path.
        var target = await FindAsync(preview.Application, cancellationToken);
        preview = preview with { Path = target.Path };
        var message = $"Roll back {preview.Application} to {preview.TargetRevision[..7]}\n\n"
            + $"Restores {preview.Path} to its state at {preview.TargetRevision} (\"{preview.TargetSubject}\").\n\n"
            + DeliveryExecutor.Trailer(preview.Application, why, user);
        return await executor.ExecuteAsync(new DeliveryChange(AuditAction.Rollback, preview.Application, preview.Summary, why, user, preview.BaseRevision, message)
        {
            Edits = tip =>
            {
                if (tip.TreeSha(preview.Path) != preview.BaseTreeSha)
                {
                    throw new DeliveryConflictException(
                        $"{preview.Path} changed since your preview. Nothing was committed; look at the new commits and preview the rollback again.",
                        tip.CommitsSince(preview.BaseRevision, preview.Path));
                }
                var tree = tip.Repository.Lookup<Commit>(preview.TargetRevision)?[preview.Path]?.Target.Sha
                    ?? throw new DeliveryRequestException($"{preview.Path} does not exist at {preview.TargetRevision}.");
                return [new PutTree(preview.Path, tree)];
            },
            NoChangeMessage = $"Nothing to change: {preview.Path} is already as it was at {preview.TargetRevision[..7]}. No commit was made.",
        }, cancellationToken);
    }

    private async Task<DeliveryTarget> FindAsync(string application, CancellationToken cancellationToken)
    {
        var targets = await repository.ReadAsync(null, s => DeliveryTargets.Read(s, options.Value.ApplicationsPath), cancellationToken);
        return targets.FirstOrDefault(t => t.Name == application)
            ?? throw new DeliveryRequestException($"No application named '{application}' in the manifests repository; known: {string.Join(", ", targets.Select(t => t.Name))}.");
    }
}
