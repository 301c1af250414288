using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlOpsDashboard.Core.Predictors.Serving.Scoring;

/// <summary>
/// Scoring many rows at once (a change's 2,000 tests). The walk one row at a time is bound by
/// branch mispredictions: every split is a coin flip the predictor cannot learn, and so is the
/// depth at which the walk stops. The batch layout removes both: a leaf is a node whose two
/// children are itself, so every row takes exactly the tree's depth in steps (a predictable loop),
/// and a step picks its child by index (<c>children[feature &gt; threshold]</c>) instead of a
/// branch. Four rows walk each tree side by side, so their independent loads overlap.
/// The leaves reached, the order of the sums and the arithmetic are those of <see cref="Score"/>.
/// </summary>
public sealed partial class TreeEnsembleScorer
{
    /// <summary>A split or (Left = Right = itself) a leaf; Left and Right adjacent so a step indexes them.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct StepNode
    {
        public int Feature;
        public float Threshold;
        public int Left;
        public int Right;
    }

    private sealed record BatchLayout(StepNode[] Nodes, double[] Values, int[] Roots, int[] Depths);

    private readonly BatchLayout _batch;

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
        if (count == 0)
        {
            return;
        }
        var sums = System.Buffers.ArrayPool<double>.Shared.Rent(count);
        try
        {
            Array.Clear(sums, 0, count);
            var batch = _batch;
            ref var features = ref MemoryMarshal.GetReference(rows);
            for (var t = 0; t < batch.Roots.Length; t++)
            {
                WalkTree(batch, batch.Roots[t], batch.Depths[t], ref features, width, count, sums);
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
    private static void WalkTree(BatchLayout batch, int root, int depth, ref float features, int width, int count, double[] sums)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(batch.Nodes);
        var values = batch.Values;
        var r = 0;
        for (; r + 4 <= count; r += 4)
        {
            ref var row0 = ref Unsafe.Add(ref features, r * width);
            ref var row1 = ref Unsafe.Add(ref row0, width);
            ref var row2 = ref Unsafe.Add(ref row1, width);
            ref var row3 = ref Unsafe.Add(ref row2, width);
            int n0 = root, n1 = root, n2 = root, n3 = root;
            for (var step = 0; step < depth; step++)
            {
                n0 = Step(ref nodes, n0, ref row0);
                n1 = Step(ref nodes, n1, ref row1);
                n2 = Step(ref nodes, n2, ref row2);
                n3 = Step(ref nodes, n3, ref row3);
            }
            sums[r] += values[n0];
            sums[r + 1] += values[n1];
            sums[r + 2] += values[n2];
            sums[r + 3] += values[n3];
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
    private static int Step(ref StepNode nodes, int index, ref float row)
    {
        ref var node = ref Unsafe.Add(ref nodes, index);
        var right = !(Unsafe.Add(ref row, node.Feature) <= node.Threshold);
        return Unsafe.Add(ref node.Left, Unsafe.BitCast<bool, byte>(right));
    }

    /// <summary>
    /// Per tree: its splits, then one node per leaf pointing at itself; each node's value is its
    /// leaf's (0 for splits); the tree's depth is its longest root-to-leaf path.
    /// </summary>
    private BatchLayout BuildBatchLayout()
    {
        var nodes = new List<StepNode>();
        var values = new List<double>();
        var roots = new int[_roots.Length];
        var depths = new int[_roots.Length];
        for (var t = 0; t < _roots.Length; t++)
        {
            var leafNodes = new Dictionary<int, int>();
            var splitNodes = new Dictionary<int, int>();
            roots[t] = Place(_roots[t]);
            depths[t] = Depth(_roots[t]);

            // Splits of the original layout are copied in walk order; their children are placed recursively.
            int Place(int original)
            {
                if (original < 0)
                {
                    var leaf = ~original;
                    if (!leafNodes.TryGetValue(leaf, out var placedLeaf))
                    {
                        placedLeaf = nodes.Count;
                        leafNodes[leaf] = placedLeaf;
                        nodes.Add(new StepNode { Feature = 0, Threshold = 0, Left = placedLeaf, Right = placedLeaf });
                        values.Add(_leaves[leaf]);
                    }
                    return placedLeaf;
                }
                if (splitNodes.TryGetValue(original, out var placed))
                {
                    return placed;
                }
                placed = nodes.Count;
                splitNodes[original] = placed;
                var split = _nodes[original];
                nodes.Add(default);
                values.Add(0);
                var left = Place(split.Left);
                var right = Place(split.Right);
                nodes[placed] = new StepNode { Feature = split.Feature, Threshold = split.Threshold, Left = left, Right = right };
                return placed;
            }
        }
        return new BatchLayout([.. nodes], [.. values], roots, depths);
    }

    private int Depth(int node) => node < 0 ? 0 : 1 + Math.Max(Depth(_nodes[node].Left), Depth(_nodes[node].Right));
}
