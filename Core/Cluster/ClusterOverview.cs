using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using MlOpsDashboard.Core.Cluster.Placement;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Core.Cluster;

/// <summary>One row of a node's pod list: an application's heading (<see cref="Pod"/> null) or one of its pods.</summary>
public sealed record PodRow(string Application, ClusterPod? Pod);

/// <summary>
/// What the Cluster page shows, derived once per state of the cluster and shared by every circuit:
/// nodes in order, each node's pods grouped by application as flat rows (for a virtualized list),
/// requests per node, pending pods and placement warnings. With thousands of pods these lists are
/// too big to build per circuit and render, or to hold per circuit.
/// </summary>
public sealed class ClusterOverview
{
    // Keyed by the pods map (it changes most); an entry is reused while nodes, events and applications are the same too.
    private static readonly ConditionalWeakTable<ImmutableDictionary<string, ClusterPod>, ClusterOverview> ByPods = [];

    private readonly ImmutableDictionary<string, ClusterNode> _nodes;
    private readonly ImmutableDictionary<string, ClusterEvent> _events;
    private readonly ImmutableDictionary<string, ArgoApplication> _applications;
    private readonly Dictionary<string, NodePods> _byNode;
    private readonly IReadOnlyDictionary<string, string> _applicationsByWorkload;

    private ClusterOverview(ClusterSnapshot snapshot)
    {
        _nodes = snapshot.Nodes;
        _events = snapshot.Events;
        _applications = snapshot.Applications;
        _applicationsByWorkload = PodOwnership.ApplicationsByWorkload(snapshot);
        // Control plane first, as the platform is described: mac-m2 beside wsl-worker.
        Nodes = [.. snapshot.Nodes.Values.OrderByDescending(n => n.IsControlPlane).ThenBy(n => n.Name, StringComparer.Ordinal)];
        _byNode = snapshot.Pods.Values.Where(p => p.NodeName is not null).GroupBy(p => p.NodeName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => NodePods.Of([.. g], ApplicationOf), StringComparer.Ordinal);
        Pending = [.. snapshot.Pods.Values.Where(p => p.NodeName is null || p.Phase == "Pending" && p.UnschedulableReason is not null).OrderBy(p => p.Key, StringComparer.Ordinal)];
        Warnings = PlacementChecks.Evaluate(snapshot);
    }

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public IReadOnlyList<ClusterPod> Pending { get; }

    public IReadOnlyList<PlacementWarning> Warnings { get; }

    /// <summary>The overview of <paramref name="snapshot"/>: the same object for every snapshot with the same nodes, pods, events and applications.</summary>
    public static ClusterOverview For(ClusterSnapshot snapshot)
    {
        if (ByPods.TryGetValue(snapshot.Pods, out var existing) && existing.Matches(snapshot))
        {
            return existing;
        }
        var overview = new ClusterOverview(snapshot);
        ByPods.AddOrUpdate(snapshot.Pods, overview);
        return overview;
    }

    /// <summary>The node's pods grouped by application (groups and pods by name), headings included.</summary>
    public IList<PodRow> PodRowsOn(string node) => _byNode.TryGetValue(node, out var pods) ? pods.Rows : Array.Empty<PodRow>();

    public int PodCountOn(string node) => _byNode.TryGetValue(node, out var pods) ? pods.Count : 0;

    /// <summary>CPU and memory requested on the node by pods that hold their place (not finished ones), as the scheduler counts them.</summary>
    public (decimal Cpu, decimal Memory) RequestedOn(string node) => _byNode.TryGetValue(node, out var pods) ? (pods.RequestedCpu, pods.RequestedMemory) : (0, 0);

    public string ApplicationOf(ClusterPod pod) => PodOwnership.ApplicationOf(pod, _applicationsByWorkload);

    private bool Matches(ClusterSnapshot snapshot) =>
        ReferenceEquals(_nodes, snapshot.Nodes) && ReferenceEquals(_events, snapshot.Events) && ReferenceEquals(_applications, snapshot.Applications);

    private sealed record NodePods(ClusterPod[] Pods, string[] Applications, IList<PodRow> Rows, int Count, decimal RequestedCpu, decimal RequestedMemory)
    {
        // A node's rows by the node's first pod object: a new overview (a node's usage or an event makes
        // one every few seconds) takes over the rows of a node whose pods are the same objects in the same
        // applications. Built anew, circuits that rendered a moment apart (and each one's previous render
        // buffer) held the same two thousand rows several times over.
        private static readonly ConditionalWeakTable<ClusterPod, NodePods> ByFirstPod = [];

        public static NodePods Of(ClusterPod[] pods, Func<ClusterPod, string> applicationOf)
        {
            var applications = Array.ConvertAll(pods, p => applicationOf(p));
            if (pods.Length > 0 && ByFirstPod.TryGetValue(pods[0], out var previous)
                && previous.Pods.AsSpan().SequenceEqual(pods, ReferenceEqualityComparer.Instance)
                && previous.Applications.AsSpan().SequenceEqual(applications, StringComparer.Ordinal))
            {
                return previous;
            }
            var rows = new List<PodRow>(pods.Length + 8);
            foreach (var group in pods.Select((pod, i) => (Pod: pod, Application: applications[i])).GroupBy(p => p.Application).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                rows.Add(new PodRow(group.Key, null));
                rows.AddRange(group.OrderBy(p => p.Pod.Name, StringComparer.Ordinal).Select(p => new PodRow(group.Key, p.Pod)));
            }
            var holding = pods.Where(p => p.Phase is not "Succeeded" and not "Failed").ToList();
            var built = new NodePods(pods, applications, rows.AsReadOnly(), pods.Length, holding.Sum(p => p.RequestCpu), holding.Sum(p => p.RequestMemory));
            if (pods.Length > 0)
            {
                ByFirstPod.AddOrUpdate(pods[0], built);
            }
            return built;
        }
    }
}
