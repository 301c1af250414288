using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Core.Cluster;

/// <summary>A column the Applications page sorts by.</summary>
public enum ApplicationSortKey
{
    Name,
    Project,
    Sync,
    Health,
    Namespace,
    Path,
    Revision,
    LastDeployed,
}

/// <summary>
/// The Applications page's lists, computed once per change of the cluster's applications and shared
/// by every circuit: thousands of applications sorted once, not once per connected user, and no
/// circuit holds a copy of its own unless it filters.
/// </summary>
public sealed class ApplicationCatalog
{
    private readonly Lock _lock = new();
    private ApplicationListView? _latest;

    /// <summary>The view of <paramref name="snapshot"/>'s applications; the same object for every snapshot that shares them.</summary>
    public ApplicationListView For(ClusterSnapshot snapshot)
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is not null && ReferenceEquals(latest.Source, snapshot.Applications))
        {
            return latest;
        }
        lock (_lock)
        {
            latest = _latest;
            if (latest is not null && ReferenceEquals(latest.Source, snapshot.Applications))
            {
                return latest;
            }
            var view = new ApplicationListView(snapshot.Applications, snapshot.Version);
            // A circuit still on an older snapshot gets its own view without evicting the newer one.
            if (latest is null || view.Version > latest.Version)
            {
                Volatile.Write(ref _latest, view);
            }
            return view;
        }
    }
}

/// <summary>One immutable projection of the applications: sorted lists, filter choices and attention counts.</summary>
public sealed class ApplicationListView
{
    private readonly ConcurrentDictionary<(ApplicationSortKey, bool), IList<ArgoApplication>> _sorted = new();

    internal ApplicationListView(ImmutableDictionary<string, ArgoApplication> source, long version)
    {
        Source = source;
        Version = version;
        var byName = source.Values.ToArray();
        Array.Sort(byName, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        All = Array.AsReadOnly(byName);
        _sorted[(ApplicationSortKey.Name, false)] = All;
        Projects = DistinctOf(byName, a => a.Project);
        SyncStatuses = DistinctOf(byName, a => a.SyncStatus);
        HealthStatuses = DistinctOf(byName, a => a.HealthStatus);
        Namespaces = DistinctOf(byName, a => a.Destination.Namespace);
        NeedingAttention = byName.Count(a => a.NeedsAttention);
        NotSynced = CountsOf(byName.Where(a => a.SyncStatus != ArgoApplication.Synced).Select(a => a.SyncStatus));
        NotHealthy = CountsOf(byName.Where(a => a.HealthStatus != ArgoApplication.Healthy).Select(a => a.HealthStatus));
        FailedOperations = byName.Count(a => a.OperationState?.Phase is "Failed" or "Error");
        WithErrors = byName.Count(a => a.Conditions.Any(c => c.IsError));
    }

    internal ImmutableDictionary<string, ArgoApplication> Source { get; }

    public long Version { get; }

    /// <summary>Every application by name (ordinal), read-only.</summary>
    public IList<ArgoApplication> All { get; }

    public IReadOnlyList<string> Projects { get; }
    public IReadOnlyList<string> SyncStatuses { get; }
    public IReadOnlyList<string> HealthStatuses { get; }
    public IReadOnlyList<string> Namespaces { get; }
    public int NeedingAttention { get; }

    /// <summary>How many applications have each sync status other than Synced, by status.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> NotSynced { get; }

    /// <summary>How many applications have each health other than Healthy, by health.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> NotHealthy { get; }

    public int FailedOperations { get; }
    public int WithErrors { get; }

    /// <summary>All applications in the order of one column (name breaks ties); each order is computed once, on first use.</summary>
    public IList<ArgoApplication> SortedBy(ApplicationSortKey key, bool descending) =>
        _sorted.GetOrAdd((key, descending), static (k, all) => Sort(all, k.Item1, k.Item2), All);

    private static ReadOnlyCollection<ArgoApplication> Sort(IList<ArgoApplication> byName, ApplicationSortKey key, bool descending)
    {
        Comparison<ArgoApplication> compare = key switch
        {
            ApplicationSortKey.Project => (a, b) => string.CompareOrdinal(a.Project, b.Project),
            ApplicationSortKey.Sync => (a, b) => string.CompareOrdinal(a.SyncStatus, b.SyncStatus),
            ApplicationSortKey.Health => (a, b) => string.CompareOrdinal(a.HealthStatus, b.HealthStatus),
            ApplicationSortKey.Namespace => (a, b) => string.CompareOrdinal(a.Destination.Namespace, b.Destination.Namespace),
            ApplicationSortKey.Path => (a, b) => string.CompareOrdinal(a.Source.Path, b.Source.Path),
            ApplicationSortKey.Revision => (a, b) => string.CompareOrdinal(a.SyncRevision, b.SyncRevision),
            ApplicationSortKey.LastDeployed => (a, b) => Nullable.Compare(a.LastDeployedAt, b.LastDeployedAt),
            _ => (_, _) => 0,
        };
        // LINQ's sorts are stable on the name order they start from: equal keys stay alphabetical either way.
        var comparer = Comparer<ArgoApplication>.Create(compare);
        return Array.AsReadOnly((descending ? byName.OrderByDescending(a => a, comparer) : byName.OrderBy(a => a, comparer)).ToArray());
    }

    private static ReadOnlyCollection<string> DistinctOf(ArgoApplication[] apps, Func<ArgoApplication, string> selector) =>
        Array.AsReadOnly(apps.Select(selector).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    private static ReadOnlyCollection<KeyValuePair<string, int>> CountsOf(IEnumerable<string> values) =>
        Array.AsReadOnly(values.GroupBy(v => v, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count())).ToArray());
}
