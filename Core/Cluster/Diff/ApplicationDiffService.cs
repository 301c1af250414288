using System.Text.Json.Nodes;
using k8s.Autorest;
using MlOpsDashboard.Core.Delivery.Applications;
using MlOpsDashboard.Core.Delivery.Kustomize;

namespace MlOpsDashboard.Core.Cluster.Diff;

public enum ResourceDiffState
{
    /// <summary>Live differs from git; <see cref="ResourceDiff.Diff"/> shows how.</summary>
    Changed,

    /// <summary>In git, not in the cluster: a sync creates it.</summary>
    MissingLive,

    /// <summary>In the cluster, no longer in git: a sync with prune deletes it.</summary>
    NotInGit,

    /// <summary>Normalized, live and git are the same (Argo CD's status lags, or it compares something this diff leaves out).</summary>
    Equal,

    /// <summary>A Secret: never read or shown.</summary>
    Hidden,

    /// <summary>The live object could not be read; <see cref="ResourceDiff.Message"/> says why.</summary>
    Unreadable,
}

/// <summary>One out-of-sync resource: live (left, "-") against git (right, "+"), as a unified YAML diff.</summary>
public sealed record ResourceDiff(ApplicationResource Resource, ResourceDiffState State, string Diff, string? Message = null);

/// <summary>The comparison for one application at one revision, or why there is none.</summary>
public sealed record ApplicationDiff(string? Revision, IReadOnlyList<ResourceDiff> Resources, string? Error = null)
{
    public static ApplicationDiff Failed(string error) => new(null, [], error);
}

/// <summary>
/// Desired (git) against live (Kubernetes API) for an application's out-of-sync resources, the
/// "diff" of Argo CD's UI. Desired is the application's path rendered from the manifests repository
/// at the revision Argo CD compared with; live comes through the shared Kubernetes client. Both are
/// normalized (<see cref="ManifestNormalizer"/>) and written as sorted YAML before the line diff.
/// </summary>
public sealed class ApplicationDiffService(ManifestCommitReader manifests, LiveObjectReader live)
{
    public async Task<ApplicationDiff> CompareAsync(ArgoApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!manifests.Configured)
        {
            return ApplicationDiff.Failed("No manifests repository is configured (Manifests:Repository), so there is no desired state to compare with.");
        }
        var revision = app.SyncRevision ?? app.Source.TargetRevision;
        RenderedManifests? rendered;
        try
        {
            rendered = await manifests.RenderAsync(revision, app.Source.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (KustomizeException e)
        {
            return ApplicationDiff.Failed($"The manifests at {Short(revision)} do not render: {e.Message}");
        }
        if (rendered is null)
        {
            return ApplicationDiff.Failed($"Revision {Short(revision)} is not in the manifests repository.");
        }
        var results = new List<ResourceDiff>();
        foreach (var resource in app.Resources.Where(r => r.SyncStatus == ArgoApplication.OutOfSync))
        {
            results.Add(await CompareAsync(app, resource, rendered, cancellationToken).ConfigureAwait(false));
        }
        return new ApplicationDiff(rendered.Sha, results);
    }

    private async Task<ResourceDiff> CompareAsync(ArgoApplication app, ApplicationResource resource, RenderedManifests rendered, CancellationToken cancellationToken)
    {
        if (resource.Kind == "Secret")
        {
            return new ResourceDiff(resource, ResourceDiffState.Hidden, "", "Secrets are never shown; compare them where they are managed.");
        }
        var desired = rendered.Objects.FirstOrDefault(o => Matches(o, resource, app.Destination.Namespace));
        var apiVersion = desired?["apiVersion"]?.GetValue<string>() ?? DefaultApiVersion(resource.Group);
        if (apiVersion is null)
        {
            return new ResourceDiff(resource, ResourceDiffState.Unreadable, "", $"No longer in git, and the API version of group {resource.Group} is not known to read it.");
        }
        JsonObject? liveObject;
        try
        {
            liveObject = await live.ReadAsync(apiVersion, resource.Kind, NullIfEmpty(resource.Namespace), resource.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or NotSupportedException or InvalidOperationException)
        {
            return new ResourceDiff(resource, ResourceDiffState.Unreadable, "", $"The live object could not be read: {e.Message}");
        }
        var title = $"{resource.Kind}/{resource.Name}";
        var liveYaml = liveObject is null ? "" : ManifestYamlWriter.Write(ManifestNormalizer.Live(liveObject, desired));
        var desiredYaml = desired is null ? "" : ManifestYamlWriter.Write(ManifestNormalizer.Desired(desired));
        var diff = UnifiedDiff.Create(liveYaml, desiredYaml, $"live {title}", $"git {title} @ {Short(rendered.Sha)}");
        var state = (liveObject, desired) switch
        {
            (null, null) => ResourceDiffState.Equal,
            (null, _) => ResourceDiffState.MissingLive,
            (_, null) => ResourceDiffState.NotInGit,
            _ => diff.Length == 0 ? ResourceDiffState.Equal : ResourceDiffState.Changed,
        };
        return new ResourceDiff(resource, state, diff);
    }

    // Argo CD puts namespaced objects without a namespace into the application's destination namespace.
    private static bool Matches(JsonObject obj, ApplicationResource resource, string destination)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? "";
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var ns = obj["metadata"]?["namespace"]?.GetValue<string>();
        return group == resource.Group
            && obj["kind"]?.GetValue<string>() == resource.Kind
            && obj["metadata"]?["name"]?.GetValue<string>() == resource.Name
            && (ns ?? (resource.Namespace.Length == 0 ? "" : destination)) == resource.Namespace;
    }

    private static string? DefaultApiVersion(string group) => group switch
    {
        "" => "v1",
        "apps" or "rbac.authorization.k8s.io" or "networking.k8s.io" or "batch" or "policy" => $"{group}/v1",
        "autoscaling" => "autoscaling/v2",
        "argoproj.io" => "argoproj.io/v1alpha1",
        _ => null,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Short(string revision) => revision.Length == 40 ? revision[..7] : revision;
}
