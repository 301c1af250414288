using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Delivery.Audit;
using MlOpsDashboard.Core.Delivery.PullRequests;

namespace MlOpsDashboard.Core.Delivery;

/// <summary>One confirmed change for promote and rollback alike: commit (or branch + pull request), then the audit entry, whatever the outcome.</summary>
public sealed record DeliveryChange(AuditAction Action, string Application, string Summary, string Reason, DeliveryUser User, string PreviewedRevision, string CommitMessage)
{
    public required Func<ManifestSnapshot, IReadOnlyList<TreeEdit>> Edits { get; init; }
    public required string NoChangeMessage { get; init; }
}

public sealed class DeliveryExecutor(
    ManifestRepository repository,
    AuditLog audit,
    IPullRequestOpener pullRequests,
    IOptions<ManifestsOptions> options,
    TimeProvider clock,
    ILogger<DeliveryExecutor> logger)
{
    public async Task<DeliveryResult> ExecuteAsync(DeliveryChange change, CancellationToken cancellationToken = default)
    {
        var result = await CommitAsync(change, cancellationToken);
        try
        {
            await audit.RecordAsync(new AuditEntry
            {
                User = change.User.Name,
                Role = change.User.Role,
                Action = change.Action,
                Application = change.Application,
                Summary = change.Summary,
                Reason = change.Reason,
                Outcome = Enum.Parse<AuditOutcome>(result.Outcome.ToString()),
                CommitSha = result.CommitSha,
                PullRequestUrl = result.PullRequestUrl,
                Detail = result.Succeeded ? null : result.Message,
            }, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The commit (if any) has happened; say so rather than pretend the action failed.
            logger.LogError(e, "Audit entry for {Action} of {Application} by {User} could not be stored", change.Action, change.Application, change.User.Name);
            result = result with { Message = $"{result.Message} The audit entry could not be stored ({e.Message}); the commit message records the change." };
        }
        return result;
    }

    private async Task<DeliveryResult> CommitAsync(DeliveryChange change, CancellationToken cancellationToken)
    {
        var pullRequestMode = options.Value.PullRequests;
        var branch = pullRequestMode
            ? $"mlops-dashboard/{change.Action.ToString().ToLowerInvariant()}-{change.Application}-{clock.GetUtcNow():yyyyMMdd-HHmmss}"
            : null;
        try
        {
            var outcome = await repository.CommitAsync(
                new CommitRequest(change.CommitMessage, CommitAuthor.ForUser(change.User.Name), change.Edits) { TargetBranch = branch },
                cancellationToken);
            if (outcome.NoChange)
            {
                return new DeliveryResult(DeliveryOutcome.NoChange, change.NoChangeMessage);
            }
            var replanned = outcome.BaseSha != change.PreviewedRevision ? outcome.BaseSha : null;
            var moved = replanned is null ? "" : $" The branch had moved since your preview; the change was re-planned on {replanned[..7]} and still applied.";
            if (branch is null)
            {
                logger.LogInformation("{User} {Action} {Application}: {Summary} as {Commit}", change.User.Name, change.Action, change.Application, change.Summary, outcome.Sha);
                return new DeliveryResult(DeliveryOutcome.Committed, $"Committed {outcome.Sha![..7]} to {repository.Branch}; Argo CD syncs it at its next poll.{moved}")
                {
                    CommitSha = outcome.Sha, Diff = outcome.Diff, ReplannedOn = replanned,
                };
            }
            var subject = change.CommitMessage.Split('\n', 2)[0];
            try
            {
                var pr = await pullRequests.OpenAsync(branch, repository.Branch, subject, change.CommitMessage, cancellationToken);
                var verb = pr.AlreadyExisted ? "A pull request for this branch already exists" : "Opened pull request";
                return new DeliveryResult(DeliveryOutcome.PullRequestOpened, $"{verb} #{pr.Number} ({pr.State}) from {branch}: {pr.Url}. It deploys once merged.")
                {
                    CommitSha = outcome.Sha, PullRequestUrl = pr.Url, PullRequestState = pr.State, Diff = outcome.Diff, ReplannedOn = replanned,
                };
            }
            catch (PullRequestException e)
            {
                return new DeliveryResult(DeliveryOutcome.Failed, $"Branch {branch} was pushed ({outcome.Sha![..7]}) but the pull request could not be opened: {e.Message}")
                {
                    CommitSha = outcome.Sha, Diff = outcome.Diff,
                };
            }
        }
        catch (DeliveryConflictException e)
        {
            return new DeliveryResult(DeliveryOutcome.Conflict, e.Message) { ChangedBy = e.ChangedBy };
        }
        catch (ManifestRepositoryException e)
        {
            logger.LogWarning(e, "{Action} of {Application} failed", change.Action, change.Application);
            return new DeliveryResult(DeliveryOutcome.Failed, e.Message);
        }
    }

    /// <summary>The trailer every delivery commit carries, so git log alone answers who and why.</summary>
    public static string Trailer(string application, string reason, DeliveryUser user) =>
        $"Reason: {reason}\nRequested-by: {user.Name} ({user.Role}) via MLOps Dashboard\nApplication: {application}";

    public static string RequireReason(string? reason)
    {
        var trimmed = reason?.Trim() ?? "";
        return trimmed.Length switch
        {
            < 3 => throw new DeliveryRequestException("A reason is required (at least 3 characters): it goes into the commit message and the audit log."),
            > 2000 => throw new DeliveryRequestException("The reason is longer than 2000 characters."),
            _ => trimmed,
        };
    }
}
