using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

public sealed class FastSortTests
{
    [Fact]
    public void Sort_MixedSignsDuplicatesAndExtremes_SameOrderAsArraySort()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 50_000).Select(i => i % 7 == 0 ? Math.Round(random.NextDouble() * 10) : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30))).ToList();
        values.AddRange([0.0, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 1e-310, -1e-310]);
        var expected = values.ToArray();
        Array.Sort(expected);
        var actual = values.ToArray();

        FastSort.Sort(actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SortedCopies_LeaveInputsUntouched()
    {
        double[] first = [.. Enumerable.Range(0, 10_000).Select(i => (double)((i * 7919) % 10_000))];
        double[] second = [3, 1, 2];

        var (a, b) = FastSort.SortedCopies(first, second);

        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (double)i), a);
        Assert.Equal([1.0, 2, 3], b);
        Assert.Equal(7919.0, first[1]);
    }
}
