using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Context;

/// <summary>The latest commits of the manifests repository that touched an application's folder: "what changed" for an incident.</summary>
public sealed class RecentCommitsReader(IOptions<ManifestsOptions> manifests, ILogger<RecentCommitsReader> logger)
{
    private const int CommitsWalked = 200;
    private const int CommitsKept = 5;

    public IReadOnlyList<IncidentCommit> Read(string application)
    {
        var settings = manifests.Value;
        if (settings.Repository.Length == 0 || settings.IsRemote || !Directory.Exists(settings.Repository))
        {
            return [];
        }
        try
        {
            using var repo = new Repository(settings.Repository);
            var branch = repo.Branches[settings.Branch] ?? repo.Head;
            if (branch?.Tip is null)
            {
                return [];
            }
            var found = new List<IncidentCommit>();
            foreach (var commit in repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = branch.Tip, SortBy = CommitSortStrategies.Time }).Take(CommitsWalked))
            {
                var parent = commit.Parents.FirstOrDefault();
                var changes = repo.Diff.Compare<TreeChanges>(parent?.Tree, commit.Tree);
                var files = changes.Select(c => c.Path).Where(p => Touches(p, application)).ToList();
                if (files.Count == 0)
                {
                    continue;
                }
                found.Add(new IncidentCommit { Sha = commit.Sha, Author = commit.Author.Name, Message = commit.MessageShort, When = commit.Author.When, Files = [.. files.Take(10)] });
                if (found.Count == CommitsKept)
                {
                    break;
                }
            }
            return found;
        }
        catch (LibGit2SharpException e)
        {
            logger.LogWarning(e, "Reading recent commits of {Repository} failed", settings.Repository);
            return [];
        }
    }

    private static bool Touches(string path, string application) =>
        path.Split('/').Contains(application, StringComparer.Ordinal);
}
