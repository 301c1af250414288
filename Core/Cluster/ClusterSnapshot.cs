using System.Collections.Immutable;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Core.Cluster;

/// <summary>
/// One immutable view of the cluster: every watched object by key, and the watches' health.
/// Pages read a snapshot without locks; a change makes a new snapshot sharing the rest.
/// </summary>
public sealed record ClusterSnapshot(
    long Version,
    bool Configured,
    ImmutableDictionary<string, ClusterNode> Nodes,
    ImmutableDictionary<string, ClusterPod> Pods,
    ImmutableDictionary<string, ClusterEvent> Events,
    ImmutableDictionary<string, ArgoApplication> Applications,
    ImmutableDictionary<ClusterKind, KindConnection> Connections)
{
    public static ClusterSnapshot Empty(bool configured) => new(
        0,
        configured,
        ImmutableDictionary<string, ClusterNode>.Empty,
        ImmutableDictionary<string, ClusterPod>.Empty,
        ImmutableDictionary<string, ClusterEvent>.Empty,
        ImmutableDictionary<string, ArgoApplication>.Empty,
        Enum.GetValues<ClusterKind>().ToImmutableDictionary(k => k, KindConnection.Connecting));

    public ClusterConnection Connection => ClusterConnection.Of(Configured, Connections.Values);

    public IEnumerable<ClusterObject> ObjectsOf(ClusterKind kind) => kind switch
    {
        ClusterKind.Nodes => Nodes.Values,
        ClusterKind.Pods => Pods.Values,
        ClusterKind.Events => Events.Values,
        _ => Applications.Values,
    };

    public ClusterObject? Find(ClusterKind kind, string key) => kind switch
    {
        ClusterKind.Nodes => Nodes.GetValueOrDefault(key),
        ClusterKind.Pods => Pods.GetValueOrDefault(key),
        ClusterKind.Events => Events.GetValueOrDefault(key),
        _ => Applications.GetValueOrDefault(key),
    };

    /// <summary>Events about one object, newest first.</summary>
    public IEnumerable<ClusterEvent> EventsFor(string kind, string? @namespace, string name) =>
        Events.Values.Where(e => e.InvolvedKind == kind && e.InvolvedName == name && (@namespace is null || e.InvolvedNamespace == @namespace))
            .OrderByDescending(e => e.LastSeen);

    public ArgoApplication? Application(string name) =>
        Applications.Values.FirstOrDefault(a => a.Name == name);
}
