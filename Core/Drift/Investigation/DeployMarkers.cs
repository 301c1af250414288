using LibGit2Sharp;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Delivery;

namespace MlOpsDashboard.Core.Drift.Investigation;

/// <summary>A commit to the manifests repository that changed model serving: a deploy or promote.</summary>
public sealed record DeployMarker(DateTimeOffset When, string Sha, string Summary, string Author);

/// <summary>The markers found, or why there are none (Problem), for the page to say instead of showing nothing.</summary>
public sealed record DeployMarkers(IReadOnlyList<DeployMarker> Markers, string? Problem);

public interface IDeployMarkerSource
{
    Task<DeployMarkers> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>
/// Reads deploy and promote commits from <c>Manifests:Repository</c> (a local clone or bare
/// repository, as the sandbox provides): commits on <c>Manifests:Branch</c> whose changes touch a
/// path containing <see cref="ServingPathMarker"/>.
/// </summary>
internal sealed class ManifestDeployMarkerSource(IOptions<ManifestsOptions> options) : IDeployMarkerSource
{
    public const string ServingPathMarker = "model-serving";
    private const int MaxCommits = 2000;

    public Task<DeployMarkers> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var manifests = options.Value;
        if (manifests.Repository.Length == 0)
        {
            return Task.FromResult(new DeployMarkers([], "Manifests:Repository is not set, so deploy and promote commits cannot be marked."));
        }
        if (manifests.IsRemote)
        {
            return Task.FromResult(new DeployMarkers([], $"Deploy markers need a local clone of {manifests.Repository}; set Manifests:Repository to its path."));
        }
        // libgit2 blocks; keep it off the circuit's thread.
        return Task.Run(() => Read(manifests, from, to, cancellationToken), cancellationToken);
    }

    private static DeployMarkers Read(ManifestsOptions manifests, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        try
        {
            if (!Repository.IsValid(manifests.Repository))
            {
                return new([], $"{manifests.Repository} is not a git repository.");
            }
            using var repo = new Repository(manifests.Repository);
            var tip = repo.Branches[manifests.Branch]?.Tip;
            if (tip is null)
            {
                return new([], $"Branch {manifests.Branch} not found in {manifests.Repository}.");
            }
            var markers = new List<DeployMarker>();
            var filter = new CommitFilter { IncludeReachableFrom = tip, SortBy = CommitSortStrategies.Time };
            foreach (var commit in repo.Commits.QueryBy(filter).Take(MaxCommits))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var when = commit.Committer.When;
                if (when < from)
                {
                    break;
                }
                if (when <= to && TouchesServing(repo, commit))
                {
                    markers.Add(new DeployMarker(when.ToUniversalTime(), commit.Sha, commit.MessageShort, commit.Author.Name));
                }
            }
            markers.Reverse();
            return new(markers, null);
        }
        catch (LibGit2SharpException e)
        {
            return new([], $"Reading {manifests.Repository} failed: {e.Message}");
        }
    }

    private static bool TouchesServing(Repository repo, Commit commit)
    {
        var parent = commit.Parents.FirstOrDefault();
        var changes = repo.Diff.Compare<TreeChanges>(parent?.Tree, commit.Tree);
        return changes.Any(c => c.Path.Contains(ServingPathMarker, StringComparison.Ordinal));
    }
}
