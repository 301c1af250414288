using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Context;

/// <summary>
/// Reads an incident's context straight from the cluster through KubernetesClient (the sandbox or
/// a real one): the worst pod of the target with its logs (current and previous), events, nodes,
/// and the Argo CD application; plus recent commits and Prometheus figures. Each part is bounded
/// and a cut is recorded in <see cref="CapturedIncident.Truncations"/>.
/// </summary>
public sealed class KubernetesContextCollector(
    IOptions<ClusterOptions> cluster,
    IOptions<IncidentsOptions> options,
    RecentCommitsReader commits,
    PrometheusMetricsReader metrics,
    ILogger<KubernetesContextCollector> logger) : IIncidentContextCollector
{
    private const int MaxEvents = 40;
    private const int MaxLineChars = 2000;

    public async Task<CapturedIncident> CollectAsync(IncidentTarget target, IncidentAlert? alert, CancellationToken cancellationToken)
    {
        var truncations = new List<string>();
        var observations = new List<string>();
        var incident = new CapturedIncident { Alert = alert, Application = target.Application ?? target.Namespace };
        if (cluster.Value.ModeKind == ClusterMode.None)
        {
            observations.Add("No cluster is configured (Cluster:Mode=None): only the alert is known.");
            return incident with { Observations = observations };
        }
        try
        {
            using var client = new Kubernetes(Configuration());
            var pod = target.Namespace is null ? null : await WorstPodAsync(client, target, cancellationToken);
            var nodes = await NodesAsync(client, cancellationToken);
            incident = incident with
            {
                Pod = pod is null ? null : PodInfo(pod),
                Logs = pod is null ? null : await LogsAsync(client, pod, truncations, cancellationToken),
                Events = target.Namespace is null ? [] : await EventsAsync(client, target, pod, truncations, cancellationToken),
                Nodes = nodes,
                GitOps = await GitOpsAsync(client, target, cancellationToken),
            };
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or k8s.Exceptions.KubeConfigException or IOException)
        {
            logger.LogWarning(e, "Collecting cluster context for {Namespace}/{Target} failed", target.Namespace, target.Pod ?? target.Application);
            observations.Add($"The cluster could not be read: {e.Message}");
        }
        var application = target.Application ?? target.Namespace;
        return incident with
        {
            RecentCommits = application is null ? [] : commits.Read(application),
            Metrics = target.Namespace is null ? null : await metrics.ReadAsync(target.Namespace, incident.Pod?.Name, cancellationToken),
            Observations = observations,
            Truncations = truncations,
        };
    }

    private KubernetesClientConfiguration Configuration()
    {
        var settings = cluster.Value;
        return KubernetesClientConfiguration.IsInCluster() && settings.Kubeconfig.Length == 0
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(settings.Kubeconfig.Length > 0 ? settings.Kubeconfig : null, settings.Context.Length > 0 ? settings.Context : null);
    }

    /// <summary>The named pod, or the one in the worst shape: not ready, most restarts, waiting.</summary>
    private static async Task<V1Pod?> WorstPodAsync(Kubernetes client, IncidentTarget target, CancellationToken cancellationToken)
    {
        if (target.Pod is { Length: > 0 } name)
        {
            try
            {
                return await client.CoreV1.ReadNamespacedPodAsync(name, target.Namespace, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Gone since the alert fired (replaced by its deployment): fall back to its siblings.
            }
        }
        var pods = (await client.CoreV1.ListNamespacedPodAsync(target.Namespace, cancellationToken: cancellationToken)).Items;
        var matching = target.Application is { Length: > 0 } app
            ? pods.Where(p => p.Metadata.Name.StartsWith(app, StringComparison.Ordinal) || p.Metadata.Labels?.Values.Contains(app) == true).ToList()
            : [];
        return (matching.Count > 0 ? matching : pods).OrderByDescending(Badness).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).FirstOrDefault();
    }

    private static int Badness(V1Pod pod)
    {
        var statuses = pod.Status?.ContainerStatuses ?? [];
        return (pod.Status?.Phase is "Pending" or "Failed" ? 50 : 0)
            + statuses.Count(s => !s.Ready) * 100
            + statuses.Count(s => s.State?.Waiting is not null) * 50
            + statuses.Sum(s => Math.Min(s.RestartCount, 40));
    }

    private static IncidentPod PodInfo(V1Pod pod) => new()
    {
        Name = pod.Metadata.Name,
        Namespace = pod.Metadata.NamespaceProperty,
        Phase = pod.Status?.Phase ?? "",
        Node = pod.Spec.NodeName,
        Conditions = [.. (pod.Status?.Conditions ?? []).Where(c => c.Status != "True").Select(c => $"{c.Type}={c.Status}: {c.Reason} {c.Message}".TrimEnd())],
        Containers = [.. (pod.Status?.ContainerStatuses ?? []).Select(s => new IncidentContainer
        {
            Name = s.Name,
            Image = s.Image,
            Ready = s.Ready,
            Restarts = s.RestartCount,
            State = State(s.State),
            LastState = s.LastState is { } last && (last.Terminated is not null || last.Waiting is not null) ? State(last) : null,
            Limits = pod.Spec.Containers.FirstOrDefault(c => c.Name == s.Name)?.Resources?.Limits?.ToDictionary(p => p.Key, p => p.Value.ToString()) ?? [],
        })],
    };

    private static ContainerStateInfo State(V1ContainerState? state) => state switch
    {
        { Terminated: { } t } => new() { State = "terminated", Reason = t.Reason, Message = t.Message, ExitCode = t.ExitCode },
        { Waiting: { } w } => new() { State = "waiting", Reason = w.Reason, Message = w.Message },
        { Running: not null } => new() { State = "running" },
        _ => new() { State = "unknown" },
    };

    private async Task<IncidentLogs> LogsAsync(Kubernetes client, V1Pod pod, List<string> truncations, CancellationToken cancellationToken)
    {
        var container = pod.Spec.Containers.FirstOrDefault()?.Name;
        var restarted = pod.Status?.ContainerStatuses?.Any(s => s.RestartCount > 0) == true;
        return new IncidentLogs
        {
            Current = await LogAsync(client, pod, container, previous: false, truncations, cancellationToken),
            Previous = restarted ? await LogAsync(client, pod, container, previous: true, truncations, cancellationToken) : [],
        };
    }

    private async Task<IReadOnlyList<string>> LogAsync(Kubernetes client, V1Pod pod, string? container, bool previous, List<string> truncations, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxLogLines;
        try
        {
            await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, container: container,
                previous: previous, tailLines: max + 1, cancellationToken: cancellationToken);
            using var reader = new StreamReader(stream);
            var lines = (await reader.ReadToEndAsync(cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            var label = previous ? "previous container log" : "current container log";
            if (lines.Count > max)
            {
                truncations.Add($"{label}: kept the last {max} lines");
                lines = lines[^max..];
            }
            if (lines.Any(l => l.Length > MaxLineChars))
            {
                truncations.Add($"{label}: lines longer than {MaxLineChars} characters cut");
                lines = [.. lines.Select(l => l.Length > MaxLineChars ? l[..MaxLineChars] + " [truncated]" : l)];
            }
            return lines;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.NotFound)
        {
            // No previous container, or the container has not started: nothing to read.
            return [];
        }
    }

    private static async Task<IReadOnlyList<string>> EventsAsync(Kubernetes client, IncidentTarget target, V1Pod? pod, List<string> truncations, CancellationToken cancellationToken)
    {
        var events = (await client.CoreV1.ListNamespacedEventAsync(target.Namespace, cancellationToken: cancellationToken)).Items;
        var prefix = pod?.Metadata.Name is { } name ? OwnerPrefix(name) : target.Application;
        var relevant = events.Where(e => prefix is null || e.InvolvedObject?.Name?.StartsWith(prefix, StringComparison.Ordinal) == true).ToList();
        if (relevant.Count == 0)
        {
            relevant = [.. events];
        }
        var ordered = relevant.OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp).ToList();
        if (ordered.Count > MaxEvents)
        {
            truncations.Add($"events: kept the last {MaxEvents} of {ordered.Count}");
            ordered = ordered[^MaxEvents..];
        }
        return [.. ordered.Select(e => $"{e.Type} {e.Reason} {e.InvolvedObject?.Kind?.ToLowerInvariant()}/{e.InvolvedObject?.Name} {e.Message}{(e.Count > 1 ? $" (x{e.Count})" : "")}")];
    }

    /// <summary>model-serving-7d9f8-abcde → model-serving: events of the deployment and its replica sets count too.</summary>
    private static string OwnerPrefix(string podName)
    {
        var parts = podName.Split('-');
        return parts.Length > 2 ? string.Join('-', parts[..^2]) : podName;
    }

    private static async Task<IReadOnlyList<IncidentNode>> NodesAsync(Kubernetes client, CancellationToken cancellationToken) =>
        [.. (await client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken)).Items.Select(n => new IncidentNode
        {
            Name = n.Metadata.Name,
            Architecture = n.Status?.NodeInfo?.Architecture,
            Conditions = (n.Status?.Conditions ?? []).ToDictionary(c => c.Type, c => c.Status),
            Taints = [.. (n.Spec?.Taints ?? []).Select(t => $"{t.Key}:{t.Effect}")],
        })];

    private async Task<GitOpsStatus?> GitOpsAsync(Kubernetes client, IncidentTarget target, CancellationToken cancellationToken)
    {
        JsonElement list;
        try
        {
            list = JsonSerializer.SerializeToElement(await client.CustomObjects.ListNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", "argocd", "applications", cancellationToken: cancellationToken));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        if (!list.TryGetProperty("items", out var items))
        {
            return null;
        }
        var app = items.EnumerateArray().FirstOrDefault(a => Name(a) == target.Application)
            is { ValueKind: JsonValueKind.Object } named ? named
            : items.EnumerateArray().FirstOrDefault(a => Text(a, "spec", "destination", "namespace") == target.Namespace);
        if (app.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var resources = app.TryGetProperty("status", out var status) && status.TryGetProperty("resources", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(x => Text(x, "status") == "OutOfSync").Select(x => $"{Text(x, "kind")} {Text(x, "namespace")}/{Text(x, "name")} OutOfSync").Take(10).ToList()
            : [];
        logger.LogDebug("Argo CD application {Name} found for {Namespace}", Name(app), target.Namespace);
        return new GitOpsStatus
        {
            Application = Name(app) ?? "",
            Sync = Text(app, "status", "sync", "status") ?? "",
            Health = Text(app, "status", "health", "status") ?? "",
            Revision = Text(app, "status", "sync", "revision"),
            OutOfSyncResources = resources,
        };
    }

    private static string? Name(JsonElement app) => Text(app, "metadata", "name");

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var key in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element))
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
