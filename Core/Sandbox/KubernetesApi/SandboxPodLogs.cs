namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>One log line as the kubelet keeps it; <paramref name="Sequence"/> orders lines of one container.</summary>
public sealed record SandboxLogLine(long Sequence, DateTimeOffset Time, string Text);

/// <summary>
/// Container logs per pod and container: the current instance and the previous one (what
/// <c>kubectl logs --previous</c> shows after a restart), each bounded to the newest lines. Thread-safe.
/// </summary>
public sealed class SandboxPodLogs
{
    private sealed class ContainerLog
    {
        public Queue<SandboxLogLine> Current { get; } = new();

        public IReadOnlyList<SandboxLogLine>? Previous { get; set; }

        public long NextSequence { get; set; } = 1;

        public int Instance { get; set; }

        public TaskCompletionSource Changed { get; set; } = NewSignal();
    }

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Namespace, string Pod, string Container), ContainerLog> _logs = [];
    private readonly int _capacity;
    private readonly TimeProvider _time;

    internal SandboxPodLogs(int capacity, TimeProvider time)
    {
        _capacity = capacity;
        _time = time;
    }

    /// <summary>Appends text to the current container instance; each line of <paramref name="text"/> becomes a log line.</summary>
    public void Append(string @namespace, string pod, string container, string text) =>
        Append(@namespace, pod, container, text.Split('\n').Select(l => l.TrimEnd('\r')));

    public void Append(string @namespace, string pod, string container, IEnumerable<string> lines)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            var log = LogOf(@namespace, pod, container);
            var now = _time.GetUtcNow();
            foreach (var line in lines)
            {
                log.Current.Enqueue(new SandboxLogLine(log.NextSequence++, now, line));
                if (log.Current.Count > _capacity)
                {
                    log.Current.Dequeue();
                }
            }
            signal = Renew(log);
        }
        signal.TrySetResult();
    }

    /// <summary>The container restarted: its current log becomes the previous one and a new, empty log starts.</summary>
    public void RestartContainer(string @namespace, string pod, string container)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            var log = LogOf(@namespace, pod, container);
            log.Previous = [.. log.Current];
            log.Current.Clear();
            log.Instance++;
            signal = Renew(log);
        }
        signal.TrySetResult();
    }

    /// <summary>Forgets every container log of a pod, as when the pod is deleted.</summary>
    public void RemovePod(string @namespace, string pod)
    {
        var signals = new List<TaskCompletionSource>();
        lock (_lock)
        {
            foreach (var key in _logs.Keys.Where(k => k.Namespace == @namespace && k.Pod == pod).ToList())
            {
                signals.Add(_logs[key].Changed);
                _logs.Remove(key);
            }
        }
        signals.ForEach(s => s.TrySetResult());
    }

    /// <summary>Lines of the current (or previous) instance; null when there is no such instance.</summary>
    public IReadOnlyList<SandboxLogLine>? Read(string @namespace, string pod, string container, bool previous = false)
    {
        lock (_lock)
        {
            if (!_logs.TryGetValue((@namespace, pod, container), out var log))
            {
                return previous ? null : [];
            }
            return previous ? log.Previous : [.. log.Current];
        }
    }

    // For follow: lines after a sequence number, which instance they belong to, and a task that
    // completes on the next append, restart or removal.
    internal (IReadOnlyList<SandboxLogLine> Lines, int Instance, bool Exists, Task Changed) ReadAfter(string @namespace, string pod, string container, long afterSequence)
    {
        lock (_lock)
        {
            if (!_logs.TryGetValue((@namespace, pod, container), out var log))
            {
                return ([], -1, false, Task.CompletedTask);
            }
            return ([.. log.Current.Where(l => l.Sequence > afterSequence)], log.Instance, true, log.Changed.Task);
        }
    }

    internal int InstanceOf(string @namespace, string pod, string container)
    {
        lock (_lock)
        {
            return _logs.TryGetValue((@namespace, pod, container), out var log) ? log.Instance : 0;
        }
    }

    private ContainerLog LogOf(string @namespace, string pod, string container)
    {
        if (!_logs.TryGetValue((@namespace, pod, container), out var log))
        {
            log = new ContainerLog();
            _logs[(@namespace, pod, container)] = log;
        }
        return log;
    }

    private static TaskCompletionSource Renew(ContainerLog log)
    {
        var fired = log.Changed;
        log.Changed = NewSignal();
        return fired;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
