using System.Collections.Concurrent;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;

namespace MlOpsDashboard.Core.Delivery;

public sealed partial class ManifestRepository
{
    // One per local repository (by its full path), shared by every instance in this process: see PushToLocalBranch.
    private static readonly ConcurrentDictionary<string, object> LocalBranchGates = new(StringComparer.Ordinal);

    /// <summary>
    /// Fetch → re-plan on the tip → commit as the user → push without force. A push that loses a
    /// race is retried on the new tip after a jittered pause; the edits are asked again there, so
    /// a change that no longer applies stops with a conflict instead of overwriting anyone.
    /// </summary>
    public async Task<CommitOutcome> CommitAsync(CommitRequest request, CancellationToken cancellationToken = default)
    {
        var attempts = Math.Max(1, _options.PushAttempts);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await WithRepositoryAsync(repo => TryCommitAndPush(repo, request, attempt), cancellationToken);
            if (outcome is not null)
            {
                return outcome;
            }
            if (attempt >= attempts)
            {
                throw new DeliveryConflictException(
                    $"Branch {_options.Branch} kept moving: {attempts} pushes on a fresh tip were each overtaken by another push. Nothing was forced and nothing of yours landed; try again.");
            }
            // Jitter keeps two dashboards that collided from colliding again in lockstep.
            var pause = TimeSpan.FromMilliseconds(Random.Shared.Next(50, 250) * attempt);
            _logger.LogInformation("Push to {Branch} overtaken (attempt {Attempt} of {Attempts}); retrying on the new tip in {Pause} ms", _options.Branch, attempt, attempts, (int)pause.TotalMilliseconds);
            await Task.Delay(pause, _clock, cancellationToken);
        }
    }

    private CommitOutcome? TryCommitAndPush(Repository repo, CommitRequest request, int attempt)
    {
        var tip = Fetch(repo);
        var edits = request.Edits(new ManifestSnapshot(repo, tip));
        var tree = BuildTree(repo, tip, edits);
        if (tree.Id == tip.Tree.Id)
        {
            return new CommitOutcome(null, tip.Sha, attempt, "");
        }
        var now = _clock.GetUtcNow();
        var commit = repo.ObjectDatabase.CreateCommit(
            new Signature(request.Author.Name, request.Author.Email, now),
            new Signature(Committer.Name, Committer.Email, now),
            request.Message, tree, [tip], prettifyMessage: true);
        var target = request.TargetBranch ?? _options.Branch;
        repo.Refs.Add(OutgoingRef, commit.Id, allowOverwrite: true);
        var rejection = request.TargetBranch is null && !_options.IsRemote
            ? PushToLocalBranch(repo, tip, commit)
            : Push(repo, $"{OutgoingRef}:refs/heads/{target}");
        if (rejection is not null)
        {
            if (request.TargetBranch is not null)
            {
                throw new ManifestRepositoryException($"Pushing branch {target} was refused ({rejection}); it may already exist with other commits.");
            }
            _logger.LogInformation("Push of {Commit} to {Branch} refused: {Reason}", commit.Sha[..7], target, rejection);
            return null;
        }
        // Belt and braces: only the remote's ancestry proves the commit landed.
        if (request.TargetBranch is null && !Landed(repo, commit))
        {
            _logger.LogWarning("Commit {Commit} was overtaken on {Branch} right after its push; retrying on the new tip", commit.Sha[..7], target);
            return null;
        }
        return new CommitOutcome(commit.Sha, tip.Sha, attempt, Diff(repo, tip.Tree, tree));
    }

    /// <summary>The remote's reason for refusing the update, or null when it took it.</summary>
    private string? Push(Repository repo, string refSpec)
    {
        string? refused = null;
        try
        {
            repo.Network.Push(repo.Network.Remotes[Remote], refSpec, new PushOptions
            {
                CredentialsProvider = Credentials,
                OnPushStatusError = error => refused = $"{error.Reference}: {error.Message}",
            });
        }
        catch (NonFastForwardException e)
        {
            refused = e.Message;
        }
        return refused;
    }

    /// <summary>
    /// libgit2's local transport moves the remote's ref without checking its old value, so two
    /// pushes at the same instant could both "succeed" and one silently replace the other. For a
    /// repository on this machine the objects go to a private ref first, then the branch moves
    /// only if it still points at the tip we built on. LibGit2Sharp's UpdateTarget reads the ref
    /// again before libgit2's locked compare, so "still points at the tip" and the move are made
    /// one step by a gate per repository in this process. Another process could still slip between
    /// the two (microseconds); each committer's landed check after the push catches that and retries.
    /// </summary>
    private string? PushToLocalBranch(Repository repo, Commit tip, Commit commit)
    {
        var incoming = $"refs/mlops-dashboard/incoming/{Guid.NewGuid():N}";
        var refused = Push(repo, $"{OutgoingRef}:{incoming}");
        if (refused is not null)
        {
            return refused;
        }
        using var remote = new Repository(_options.Repository);
        try
        {
            lock (LocalBranchGates.GetOrAdd(Path.GetFullPath(remote.Info.Path), _ => new object()))
            {
                var branch = remote.Refs[$"refs/heads/{_options.Branch}"];
                if (branch?.TargetIdentifier != tip.Sha)
                {
                    return $"{_options.Branch} moved to {branch?.TargetIdentifier?[..7]} (fetch first)";
                }
                remote.Refs.UpdateTarget(branch, commit.Id, $"push: {commit.MessageShort}");
                return null;
            }
        }
        catch (LibGit2SharpException e)
        {
            return $"{_options.Branch} moved while updating ({e.Message})";
        }
        finally
        {
            remote.Refs.Remove(incoming);
        }
    }

    private bool Landed(Repository repo, Commit commit)
    {
        var tip = Fetch(repo);
        return tip.Id == commit.Id || repo.ObjectDatabase.FindMergeBase(tip, commit)?.Id == commit.Id;
    }
}
