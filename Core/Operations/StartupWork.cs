using System.Collections.Concurrent;

namespace MlOpsDashboard.Core.Operations;

public enum StartupWorkState
{
    Running,
    Completed,
    Failed,
}

public sealed record StartupWorkItem(string Name, StartupWorkState State, string Detail, DateTimeOffset UpdatedAt);

/// <summary>
/// What start-up work (migrations, model loading, ...) has done so far; /readyz reports it, so an
/// orchestrator sends no traffic before the app can serve it.
/// </summary>
public sealed class StartupWork(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, StartupWorkItem> _items = new();

    public void Running(string name, string detail) => Set(name, StartupWorkState.Running, detail);

    public void Completed(string name, string detail) => Set(name, StartupWorkState.Completed, detail);

    public void Failed(string name, string detail) => Set(name, StartupWorkState.Failed, detail);

    public IReadOnlyList<StartupWorkItem> Snapshot() => [.. _items.Values.OrderBy(i => i.Name, StringComparer.Ordinal)];

    private void Set(string name, StartupWorkState state, string detail) =>
        _items[name] = new StartupWorkItem(name, state, detail, clock.GetUtcNow());
}
