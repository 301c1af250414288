namespace MlOpsDashboard.Core.Predictors.Serving.Scoring;

/// <summary>
/// The driver walk (<see cref="ScoreEachReplaced"/>) over the batch layout's packed nodes. The walk
/// waits on each node it loads, and an answer walks on the order of a thousand of them: at 8 bytes,
/// with a split's two children side by side, a path spans about half the cache lines the 16-byte
/// nodes take, which also leaves more of the cache to the rest of the request. Same leaves, same
/// values, same order of additions as the walk over the 16-byte nodes.
/// </summary>
public sealed partial class TreeEnsembleScorer
{
    /// <summary>
    /// The batch layout when the driver walk can use it: a leaf there is a node whose threshold is
    /// NaN, so a split with a NaN threshold (which ML.NET never writes) keeps the 16-byte walk.
    /// </summary>
    private readonly BatchLayout? _packedWalk;

    private static double SumEachReplacedPacked(BatchLayout layout, ReadOnlySpan<float> features, ReadOnlySpan<float> replacements, Span<float> row,
        Span<double> deltas, Span<int> diverged, Span<int> turns, Span<int> turned)
    {
        var nodes = layout.Nodes;
        var values = layout.Values;
        var roots = layout.Roots;
        double sum = 0;
        for (var t = 0; t < roots.Length; t++)
        {
            var count = 0;
            var index = roots[t];
            while (true)
            {
                var node = nodes[index];
                var threshold = BitConverter.Int32BitsToSingle((int)(node >> 32));
                if (float.IsNaN(threshold))
                {
                    break;
                }
                var low = (int)node;
                var f = low & 0xFF;
                var left = low >> 8;
                var goesLeft = features[f] <= threshold;
                if (goesLeft != (replacements[f] <= threshold) && diverged[f] != t)
                {
                    diverged[f] = t;
                    turns[count] = goesLeft ? left + 1 : left;
                    turned[count++] = f;
                }
                index = goesLeft ? left : left + 1;
            }
            var leaf = values[index];
            sum += leaf;
            for (var i = 0; i < count; i++)
            {
                var f = turned[i];
                row[f] = replacements[f];
                deltas[f] += values[PackedLeaf(nodes, turns[i], row)] - leaf;
                row[f] = features[f];
            }
        }
        return sum;
    }

    /// <summary>The leaf a row reaches from a packed node (ML.NET's rule: left when feature ≤ threshold, NaN goes right).</summary>
    private static int PackedLeaf(long[] nodes, int index, ReadOnlySpan<float> row)
    {
        while (true)
        {
            var node = nodes[index];
            var threshold = BitConverter.Int32BitsToSingle((int)(node >> 32));
            if (float.IsNaN(threshold))
            {
                return index;
            }
            var low = (int)node;
            index = (low >> 8) + (row[low & 0xFF] <= threshold ? 0 : 1);
        }
    }
}
