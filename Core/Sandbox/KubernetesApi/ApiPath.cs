namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

internal enum ApiPathKind
{
    Version,
    Health,
    CoreVersions,
    GroupList,
    Group,
    ResourceList,
    Resource,
}

/// <summary>
/// A request path in the API server's scheme: <c>/api/v1/...</c> for the core group,
/// <c>/apis/{group}/{version}/...</c> otherwise, then <c>[namespaces/{ns}/]{plural}[/{name}[/{subresource}]]</c>.
/// </summary>
internal sealed record ApiPath(
    ApiPathKind Kind,
    string Group = "",
    string Version = "",
    string? Namespace = null,
    string Plural = "",
    string? Name = null,
    string? Subresource = null)
{
    public static ApiPath? Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        return segments switch
        {
            ["version"] => new ApiPath(ApiPathKind.Version),
            ["healthz" or "livez" or "readyz", ..] => new ApiPath(ApiPathKind.Health),
            ["api"] => new ApiPath(ApiPathKind.CoreVersions),
            ["api", var version, .. var rest] => InGroupVersion("", version, rest),
            ["apis"] => new ApiPath(ApiPathKind.GroupList),
            ["apis", var group] => new ApiPath(ApiPathKind.Group, group),
            ["apis", var group, var version, .. var rest] => InGroupVersion(group, version, rest),
            _ => null,
        };
    }

    private static ApiPath? InGroupVersion(string group, string version, string[] rest) => rest switch
    {
        [] => new ApiPath(ApiPathKind.ResourceList, group, version),
        ["namespaces", var ns, var plural, .. var tail] when tail.Length <= 2 =>
            new ApiPath(ApiPathKind.Resource, group, version, ns, plural, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1)),
        [var plural, .. var tail] when tail.Length <= 2 =>
            new ApiPath(ApiPathKind.Resource, group, version, null, plural, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1)),
        _ => null,
    };
}
