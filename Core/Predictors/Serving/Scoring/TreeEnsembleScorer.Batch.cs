using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlOpsDashboard.Core.Predictors.Serving.Scoring;

/// <summary>
/// Scoring many rows at once (a change's 2,000 tests). The walk one row at a time is bound by
/// branch mispredictions: every split is a coin flip the predictor cannot learn, and so is the
/// depth at which the walk stops. The batch layout removes both: a leaf is a node whose two
/// children are itself, so every row takes exactly the tree's depth in steps (a predictable loop),
/// and a step computes its child (the two children of a split are adjacent: <c>left + (feature &gt; threshold)</c>)
/// instead of branching. Eight rows walk each tree side by side, so their independent loads overlap.
/// The leaves reached, the order of the sums and the arithmetic are those of <see cref="Score"/>.
/// </summary>
public sealed partial class TreeEnsembleScorer
{
    /// <summary>
    /// Step nodes packed in one 64-bit word each, so a step loads the node once: the threshold's
    /// bits in the high half, <c>Left &lt;&lt; 8 | Feature</c> in the low half. A split's right child
    /// is Left + 1; a leaf has threshold NaN, so every row "goes right", and Left = itself − 1, so
    /// it stays. Null when a feature index needs more than 8 bits or a child index more than 23
    /// (then batches are scored row by row).
    /// </summary>
    private sealed record BatchLayout(long[] Nodes, double[] Values, int[] Roots, int[] Depths);

    private readonly BatchLayout? _batch;

    /// <summary>
    /// Scores <paramref name="rows"/>, a flat array of rows of <paramref name="width"/> features
    /// each, into <paramref name="scores"/> (one per row): the values <see cref="Score"/> gives.
    /// </summary>
    public void ScoreBatch(ReadOnlySpan<float> rows, int width, Span<float> scores)
    {
        if (width < FeatureCount || width <= 0)
        {
            throw new ArgumentException($"The ensemble reads {FeatureCount} features; rows have {width}.", nameof(width));
        }
        if (rows.Length % width != 0)
        {
            throw new ArgumentException($"{rows.Length} values are not whole rows of {width}.", nameof(rows));
        }
        var count = rows.Length / width;
        if (scores.Length < count)
        {
            throw new ArgumentException($"{count} rows need {count} scores; the span holds {scores.Length}.", nameof(scores));
        }
        if (count < StepFormMinimumRows || _batch is null)
        {
            // A row or a few: the step form's fixed full-depth walk costs more than it saves.
            for (var r = 0; r < count; r++)
            {
                scores[r] = Score(rows.Slice(r * width, width));
            }
            return;
        }
        var sums = System.Buffers.ArrayPool<double>.Shared.Rent(count);
        try
        {
            Array.Clear(sums, 0, count);
            var batch = _batch;
            ref var features = ref MemoryMarshal.GetReference(rows);
            // Blocks of rows small enough to stay in the first-level cache while every tree walks them.
            for (var first = 0; first < count; first += RowsPerBlock)
            {
                var rowsInBlock = Math.Min(RowsPerBlock, count - first);
                ref var block = ref Unsafe.Add(ref features, first * width);
                var blockSums = sums.AsSpan(first, rowsInBlock);
                for (var t = 0; t < batch.Roots.Length; t++)
                {
                    WalkTree(batch, batch.Roots[t], batch.Depths[t], ref block, width, rowsInBlock, blockSums);
                }
            }
            for (var r = 0; r < count; r++)
            {
                scores[r] = Finish(sums[r]);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(sums);
        }
    }

    /// <summary>
    /// Adds one tree's leaf value to every row's sum. Unchecked indexing: node indexes and features
    /// come from the layout built at load (every feature below <see cref="FeatureCount"/> ≤ width,
    /// checked by the caller), row offsets stay below count × width.
    /// </summary>
    private const int RowsPerBlock = 256;

    /// <summary>Below one group of eight rows side by side, rows are walked one by one.</summary>
    private const int StepFormMinimumRows = 8;

    private static void WalkTree(BatchLayout batch, int root, int depth, ref float features, int width, int count, Span<double> sums)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(batch.Nodes);
        var values = batch.Values;
        var r = 0;
        for (; r + 8 <= count; r += 8)
        {
            ref var row0 = ref Unsafe.Add(ref features, r * width);
            ref var row1 = ref Unsafe.Add(ref row0, width);
            ref var row2 = ref Unsafe.Add(ref row1, width);
            ref var row3 = ref Unsafe.Add(ref row2, width);
            ref var row4 = ref Unsafe.Add(ref row3, width);
            ref var row5 = ref Unsafe.Add(ref row4, width);
            ref var row6 = ref Unsafe.Add(ref row5, width);
            ref var row7 = ref Unsafe.Add(ref row6, width);
            int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
            for (var step = 0; step < depth; step++)
            {
                n0 = Step(ref nodes, n0, ref row0);
                n1 = Step(ref nodes, n1, ref row1);
                n2 = Step(ref nodes, n2, ref row2);
                n3 = Step(ref nodes, n3, ref row3);
                n4 = Step(ref nodes, n4, ref row4);
                n5 = Step(ref nodes, n5, ref row5);
                n6 = Step(ref nodes, n6, ref row6);
                n7 = Step(ref nodes, n7, ref row7);
            }
            sums[r] += values[n0];
            sums[r + 1] += values[n1];
            sums[r + 2] += values[n2];
            sums[r + 3] += values[n3];
            sums[r + 4] += values[n4];
            sums[r + 5] += values[n5];
            sums[r + 6] += values[n6];
            sums[r + 7] += values[n7];
        }
        for (; r < count; r++)
        {
            ref var row = ref Unsafe.Add(ref features, r * width);
            var n = root;
            for (var step = 0; step < depth; step++)
            {
                n = Step(ref nodes, n, ref row);
            }
            sums[r] += values[n];
        }
    }

    /// <summary>Left when feature ≤ threshold (NaN goes right, as in ML.NET), chosen by index rather than by a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref long nodes, int index, ref float row)
    {
        var node = Unsafe.Add(ref nodes, index);
        var low = (int)node;
        var threshold = BitConverter.Int32BitsToSingle((int)(node >> 32));
        var right = !(Unsafe.Add(ref row, low & 0xFF) <= threshold);
        return (low >> 8) + Unsafe.BitCast<bool, byte>(right);
    }

    private const int MaxPackedFeature = byte.MaxValue;
    private const int MaxPackedChild = (1 << 23) - 1;

    private static long Pack(int feature, float threshold, int left) =>
        ((long)BitConverter.SingleToInt32Bits(threshold) << 32) | (uint)((left << 8) | feature);

    /// <summary>
    /// Per tree: the root, then each split's two children in adjacent slots; a leaf's value is kept
    /// at its slot (0 for splits); the tree's depth is its longest root-to-leaf path.
    /// </summary>
    private BatchLayout? BuildBatchLayout()
    {
        if (_nodes.Any(n => n.Feature > MaxPackedFeature) || 2 * (_nodes.Length + _leaves.Length) > MaxPackedChild)
        {
            return null;
        }
        var nodes = new List<long>();
        var values = new List<double>();
        var roots = new int[_roots.Length];
        var depths = new int[_roots.Length];
        for (var t = 0; t < _roots.Length; t++)
        {
            roots[t] = Allocate(1);
            Fill(roots[t], _roots[t]);
            depths[t] = Depth(_roots[t]);
        }
        return new BatchLayout([.. nodes], [.. values], roots, depths);

        int Allocate(int count)
        {
            var first = nodes.Count;
            for (var i = 0; i < count; i++)
            {
                nodes.Add(default);
                values.Add(0);
            }
            return first;
        }

        // ML.NET's trees are proper binary trees (every node is reached once), so each original node gets one slot.
        void Fill(int slot, int original)
        {
            if (original < 0)
            {
                nodes[slot] = Pack(0, float.NaN, slot - 1);
                values[slot] = _leaves[~original];
                return;
            }
            var split = _nodes[original];
            var children = Allocate(2);
            nodes[slot] = Pack(split.Feature, split.Threshold, children);
            Fill(children, split.Left);
            Fill(children + 1, split.Right);
        }
    }

    private int Depth(int node) => node < 0 ? 0 : 1 + Math.Max(Depth(_nodes[node].Left), Depth(_nodes[node].Right));
}
