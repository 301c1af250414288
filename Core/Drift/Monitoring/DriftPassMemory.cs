using MlOpsDashboard.Core.Drift.Profiles;

namespace MlOpsDashboard.Core.Drift.Monitoring;

/// <summary>
/// What the monitor's passes remember between them, per profiled model version, so that a pass
/// with no completed window due reads no profile, no window and no result: every installation
/// runs a pass every minute, and nearly all of them have nothing to compute.
/// The database stays the source of truth: a new process starts with nothing remembered, and a
/// pass that has a window due asks the results table for the last computed window as before.
/// Passes never overlap (the monitor serializes them), so this needs no locking.
/// </summary>
internal sealed class DriftPassMemory
{
    /// <summary>
    /// How long after a window closes its served rows may still arrive: the prediction log's writer
    /// gathers a batch for 0.1 s and retries a failing one for 14 s. A window found with too few rows
    /// before this has passed is read again by later passes, as every pass used to.
    /// </summary>
    internal static readonly TimeSpan LateRowsGrace = TimeSpan.FromMinutes(1);

    private readonly Dictionary<(string Model, string Version), VersionMemory> _versions = [];

    /// <summary>
    /// The memory of a version whose stored profile has <paramref name="createdAt"/>. A profile saved
    /// again is stamped with its new build time (<see cref="ReferenceProfileStore.SaveAsync"/> stores the
    /// profile's own <c>CreatedAt</c>), so a different stamp means a different profile: everything
    /// remembered about the old one is dropped.
    /// </summary>
    public VersionMemory For(string model, string version, DateTimeOffset createdAt)
    {
        if (!_versions.TryGetValue((model, version), out var memory) || memory.CreatedAt != createdAt)
        {
            _versions[(model, version)] = memory = new VersionMemory(createdAt);
        }
        return memory;
    }

    /// <summary>Forgets versions whose profile is no longer stored.</summary>
    public void KeepOnly(IReadOnlyList<(string Model, string Version, DateTimeOffset CreatedAt)> listed)
    {
        if (_versions.Count == 0)
        {
            return;
        }
        var keep = listed.Select(p => (p.Model, p.Version)).ToHashSet();
        foreach (var key in _versions.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            _versions.Remove(key);
        }
    }
}

internal sealed class VersionMemory(DateTimeOffset createdAt)
{
    // Window ends of windows found with too few rows after the grace: not read again.
    private readonly HashSet<DateTimeOffset> _settledSparse = [];

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>The stored profile parsed once (null until the first pass that needs it).</summary>
    public ReferenceProfile? Profile { get; set; }

    /// <summary>
    /// Every window ending at or before this is either in the results table (computed by a pass) or
    /// was found with too few rows after <see cref="DriftPassMemory.LateRowsGrace"/>. Null: nothing known.
    /// </summary>
    public DateTimeOffset? SettledThrough { get; private set; }

    /// <summary>Whether a window after those settled has completed by <paramref name="now"/>.</summary>
    public bool HasWindowDue(DateTimeOffset now, TimeSpan length) =>
        SettledThrough is not { } settled || DriftWindows.Containing(now, length).Start > settled;

    public bool IsSettledSparse(DriftWindow window) => _settledSparse.Contains(window.End);

    /// <summary>A window evaluated at <paramref name="now"/> gave nothing to store.</summary>
    public void NoteSparse(DriftWindow window, DateTimeOffset now)
    {
        if (window.End <= now - DriftPassMemory.LateRowsGrace)
        {
            _settledSparse.Add(window.End);
        }
    }

    /// <summary>
    /// A pass at <paramref name="now"/> went through every due window: those ending by
    /// <c>now − grace</c> are settled; windows that fell out of the lookback are forgotten.
    /// </summary>
    public void NotePassed(DateTimeOffset now, TimeSpan length, int lookback)
    {
        SettledThrough = DriftWindows.Containing(now - DriftPassMemory.LateRowsGrace, length).Start;
        var oldest = DriftWindows.Containing(now, length).Start - lookback * length;
        _settledSparse.RemoveWhere(end => end <= oldest);
    }
}
