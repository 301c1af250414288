namespace MlOpsDashboard.Core.Cluster.Kubernetes;

/// <summary>0.8 s doubling to 30 s, each delay jittered by ±20 % so many clients don't retry in step.</summary>
public sealed class WatchBackoff(Random? random = null)
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(0.8);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    private readonly Random _random = random ?? Random.Shared;
    private int _failures;

    public TimeSpan Next()
    {
        var baseSeconds = Math.Min(Max.TotalSeconds, First.TotalSeconds * Math.Pow(2, Math.Min(_failures, 10)));
        _failures++;
        return TimeSpan.FromSeconds(baseSeconds * (0.8 + (0.4 * _random.NextDouble())));
    }

    public void Reset() => _failures = 0;
}
