using Microsoft.AspNetCore.Http;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// Dispatches a request by its Kubernetes API path (see <see cref="ApiPath"/>): the path scheme
/// (namespaced or not, optional name and subresource) is clearer parsed once than as route templates.
/// </summary>
internal sealed class ApiRequestRouter(
    SandboxKubernetesApiServerOptions options,
    ResourceEndpoints resources,
    WatchEndpoint watches,
    PodLogEndpoint logs)
{
    public async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        try
        {
            await DispatchAsync(context, stopping);
        }
        catch (SandboxApiException error) when (!context.Response.HasStarted)
        {
            await StatusResponses.WriteAsync(context, error);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The client went away or the server is stopping: nobody is left to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            // A sandbox bug still answers as an API server would, so the client's error path is the real one.
            await StatusResponses.WriteAsync(context, new SandboxApiException(500, "InternalError", $"Internal error occurred: {e.Message}"));
        }
    }

    private async Task DispatchAsync(HttpContext context, CancellationToken stopping)
    {
        var path = ApiPath.Parse(context.Request.Path.Value ?? "") ?? throw StatusResponses.NoSuchResource();
        if (path.Kind != ApiPathKind.Resource)
        {
            RequireGet(context);
            if (path.Kind == ApiPathKind.Health)
            {
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", context.RequestAborted);
                return;
            }
            var document = path.Kind switch
            {
                ApiPathKind.Version => DiscoveryDocuments.Version(options),
                ApiPathKind.CoreVersions => DiscoveryDocuments.CoreVersions($"{context.Request.Host}"),
                ApiPathKind.GroupList => DiscoveryDocuments.GroupList(),
                ApiPathKind.Group => DiscoveryDocuments.Group(path.Group),
                _ => DiscoveryDocuments.ResourceList(path.Group, path.Version),
            };
            await ApiJson.WriteAsync(context, StatusCodes.Status200OK, document ?? throw StatusResponses.NoSuchResource());
            return;
        }

        var resource = SandboxResources.Find(path.Group, path.Version, path.Plural) ?? throw StatusResponses.NoSuchResource();
        // A namespace on a cluster-scoped kind, or a namespaced object named without one, is no path the API serves.
        if ((path.Namespace is not null && !resource.Namespaced) || (path.Name is not null && resource.Namespaced && path.Namespace is null))
        {
            throw StatusResponses.NoSuchResource();
        }
        var watch = ApiQuery.IsTrue(context.Request.Query["watch"]);
        switch (path)
        {
            case { Name: null }:
                RequireGet(context);
                await (watch
                    ? watches.HandleAsync(context, resource, path.Namespace, FieldSelector.Everything, stopping)
                    : resources.ListAsync(context, resource, path.Namespace));
                break;
            case { Name: { } name, Subresource: null }:
                if (HttpMethods.IsPatch(context.Request.Method))
                {
                    await resources.PatchAsync(context, resource, path.Namespace, name);
                    break;
                }
                RequireGet(context);
                await (watch
                    ? watches.HandleAsync(context, resource, path.Namespace, FieldSelector.ForName(name), stopping)
                    : resources.GetAsync(context, resource, path.Namespace, name));
                break;
            case { Name: { } name, Subresource: "scale" } when resource.Equals(SandboxResources.Deployments):
                await resources.ScaleAsync(context, path.Namespace!, name);
                break;
            case { Name: { } name, Subresource: "log" } when resource.Equals(SandboxResources.Pods):
                RequireGet(context);
                await logs.HandleAsync(context, path.Namespace!, name, stopping);
                break;
            default:
                throw StatusResponses.NoSuchResource();
        }
    }

    private static void RequireGet(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw StatusResponses.MethodNotAllowed();
        }
    }
}
