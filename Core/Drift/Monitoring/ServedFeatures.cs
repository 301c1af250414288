using System.Collections.Concurrent;

namespace MlOpsDashboard.Core.Drift.Monitoring;

/// <summary>The values a model version served in [Start, End): per feature, numbers or labels.</summary>
public sealed record ServedWindow(
    DateTimeOffset Start,
    DateTimeOffset End,
    int Rows,
    IReadOnlyDictionary<string, double[]> Numbers,
    IReadOnlyDictionary<string, string[]> Categories);

/// <summary>
/// Reads what a model version served, for the drift monitor. The prediction log implements it;
/// <see cref="InMemoryServedFeatureSource"/> is a bounded in-process implementation the prediction
/// path can record into until (or instead of) a database-backed one.
/// </summary>
public interface IServedFeatureSource
{
    /// <summary>Values served by <paramref name="model"/> <paramref name="version"/> at or after start and before end.</summary>
    Task<ServedWindow> ReadWindowAsync(string model, string version, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);
}

/// <summary>
/// One served request: its feature values (double for numeric, string for categorical/binary),
/// plus the predicted value and the confidence under <c>prediction</c> and <c>confidence</c>.
/// </summary>
public sealed record ServedRow(DateTimeOffset Timestamp, IReadOnlyDictionary<string, object> Values);

public sealed class InMemoryServedFeatureSource : IServedFeatureSource
{
    /// <summary>Rows kept per model version; the oldest go first.</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<(string Model, string Version), Queue<ServedRow>> _rows = new();

    public void Record(string model, string version, ServedRow row)
    {
        var queue = _rows.GetOrAdd((model, version), _ => new Queue<ServedRow>());
        lock (queue)
        {
            queue.Enqueue(row);
            while (queue.Count > Capacity)
            {
                queue.Dequeue();
            }
        }
    }

    public Task<ServedWindow> ReadWindowAsync(string model, string version, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        List<ServedRow> rows;
        if (_rows.TryGetValue((model, version), out var queue))
        {
            lock (queue)
            {
                rows = [.. queue.Where(r => r.Timestamp >= start && r.Timestamp < end)];
            }
        }
        else
        {
            rows = [];
        }
        var numbers = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var categories = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var (name, value) in row.Values)
            {
                switch (value)
                {
                    case string label:
                        Add(categories, name, label);
                        break;
                    case bool flag:
                        Add(categories, name, flag ? "true" : "false");
                        break;
                    case IConvertible number:
                        Add(numbers, name, number.ToDouble(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }
        }
        return Task.FromResult(new ServedWindow(start, end, rows.Count,
            numbers.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal),
            categories.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal)));
    }

    private static void Add<T>(Dictionary<string, List<T>> columns, string name, T value)
    {
        if (!columns.TryGetValue(name, out var list))
        {
            columns[name] = list = [];
        }
        list.Add(value);
    }
}
