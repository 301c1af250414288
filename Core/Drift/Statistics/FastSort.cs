namespace MlOpsDashboard.Core.Drift.Statistics;

/// <summary>
/// Sorting is most of the cost of KS and Wasserstein on large windows. An LSD radix sort on the
/// doubles' order-preserving bit patterns (six 11-bit digits, one counting pass) runs in linear
/// time, several times faster than a comparison sort on a million values. Finite values only.
/// </summary>
public static class FastSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Passes = 6;
    private const int RadixThreshold = 4096;

    public static void Sort(double[] values)
    {
        var n = values.Length;
        if (n < RadixThreshold)
        {
            Array.Sort(values);
            return;
        }
        var keys = new ulong[n];
        var spare = new ulong[n];
        var counts = new int[Passes * Buckets];
        for (var i = 0; i < n; i++)
        {
            var bits = BitConverter.DoubleToUInt64Bits(values[i]);
            // Negative numbers: flip all bits; positive: flip the sign bit. Unsigned order is then numeric order.
            var key = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
            keys[i] = key;
            for (var p = 0; p < Passes; p++)
            {
                counts[p * Buckets + (int)((key >> (p * Bits)) & (Buckets - 1))]++;
            }
        }
        for (var p = 0; p < Passes; p++)
        {
            var offset = p * Buckets;
            // A digit every value shares moves nothing: skip its pass.
            if (counts[offset + (int)((keys[0] >> (p * Bits)) & (Buckets - 1))] == n)
            {
                continue;
            }
            var sum = 0;
            for (var b = 0; b < Buckets; b++)
            {
                var c = counts[offset + b];
                counts[offset + b] = sum;
                sum += c;
            }
            var shift = p * Bits;
            for (var i = 0; i < n; i++)
            {
                var key = keys[i];
                spare[counts[offset + (int)((key >> shift) & (Buckets - 1))]++] = key;
            }
            (keys, spare) = (spare, keys);
        }
        for (var i = 0; i < n; i++)
        {
            var key = keys[i];
            values[i] = BitConverter.UInt64BitsToDouble((key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key);
        }
    }

    /// <summary>Sorted copies of two samples, sorted side by side on two cores.</summary>
    public static (double[] First, double[] Second) SortedCopies(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var a = first.ToArray();
        var b = second.ToArray();
        Parallel.Invoke(() => Sort(a), () => Sort(b));
        return (a, b);
    }
}
