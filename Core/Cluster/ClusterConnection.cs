namespace MlOpsDashboard.Core.Cluster;

public enum WatchStatus
{
    /// <summary>Not yet listed (start-up).</summary>
    Connecting,

    /// <summary>Listed and watching: what the pages show is current.</summary>
    Live,

    /// <summary>The watch was lost; what the pages show is as of <see cref="KindConnection.StaleSince"/>.</summary>
    Stale,
}

/// <summary>The state of one kind's list-watch.</summary>
public sealed record KindConnection(ClusterKind Kind, WatchStatus Status, DateTimeOffset? StaleSince, string? Error)
{
    public static KindConnection Connecting(ClusterKind kind) => new(kind, WatchStatus.Connecting, null, null);
}

/// <summary>All kinds together, as a page header shows it: live only when every watch is.</summary>
public sealed record ClusterConnection(bool Configured, WatchStatus Status, DateTimeOffset? StaleSince, string? Error)
{
    public bool IsLive => Status == WatchStatus.Live;

    public static ClusterConnection Of(bool configured, IEnumerable<KindConnection> kinds)
    {
        var all = kinds.ToList();
        if (!configured)
        {
            return new ClusterConnection(false, WatchStatus.Connecting, null, null);
        }
        var stale = all.Where(k => k.Status == WatchStatus.Stale).ToList();
        if (stale.Count > 0)
        {
            var first = stale.MinBy(k => k.StaleSince)!;
            return new ClusterConnection(true, WatchStatus.Stale, first.StaleSince, $"{first.Kind}: {first.Error}");
        }
        return all.Any(k => k.Status == WatchStatus.Connecting)
            ? new ClusterConnection(true, WatchStatus.Connecting, null, null)
            : new ClusterConnection(true, WatchStatus.Live, null, null);
    }
}
