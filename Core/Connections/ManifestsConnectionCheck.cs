using LibGit2Sharp;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Delivery;

namespace MlOpsDashboard.Core.Connections;

internal sealed class ManifestsConnectionCheck(IOptions<ManifestsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var manifests = options.Value;
        if (manifests.Repository.Length == 0)
        {
            return Task.FromResult(ConnectionResults.NotConfigured("Set Manifests:Repository to a local path or an HTTPS URL, Manifests:Branch, and Manifests:Token for a private remote."));
        }
        // libgit2 calls block; keep them off the caller's thread.
        return Task.Run(() => Check(manifests), cancellationToken);
    }

    private static HealthCheckResult Check(ManifestsOptions manifests)
    {
        try
        {
            var branchRef = $"refs/heads/{manifests.Branch}";
            if (!manifests.IsRemote)
            {
                if (!Repository.IsValid(manifests.Repository))
                {
                    return ConnectionResults.Unreachable($"{manifests.Repository} is not a git repository", "Point Manifests:Repository at a git repository (bare or with a work tree).");
                }
                using var local = new Repository(manifests.Repository);
                var branch = local.Branches[manifests.Branch];
                return branch?.Tip is { } tip
                    ? ConnectionResults.Connected($"{manifests.Repository}, {manifests.Branch} at {tip.Sha[..7]}")
                    : ConnectionResults.Unreachable($"branch {manifests.Branch} not found in {manifests.Repository}", "Set Manifests:Branch to an existing branch.");
            }
            var references = Repository.ListRemoteReferences(manifests.Repository, (_, _, _) =>
                manifests.Token.Length > 0 ? new UsernamePasswordCredentials { Username = "x-access-token", Password = manifests.Token } : new DefaultCredentials());
            var head = references.FirstOrDefault(r => r.CanonicalName == branchRef);
            return head is null
                ? ConnectionResults.Unreachable($"branch {manifests.Branch} not found at {manifests.Repository}", "Set Manifests:Branch to an existing branch.")
                : ConnectionResults.Connected($"{manifests.Repository}, {manifests.Branch} at {head.TargetIdentifier[..7]}");
        }
        catch (LibGit2SharpException e)
        {
            return ConnectionResults.Unreachable(e.Message, "Check Manifests:Repository and Manifests:Token.");
        }
    }
}
