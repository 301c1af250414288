using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace MlOpsDashboard.Core.Predictors.Serving.Scoring;

/// <summary>
/// Evaluates a trained ML.NET FastTree / FastForest ensemble straight from its trees, copied once
/// at load into flat arrays. ML.NET's own scoring builds an IDataView pipeline per call (hundreds of
/// microseconds for one row); walking the trees is a few microseconds and allocates nothing.
/// The arithmetic follows ML.NET's: go left when feature ≤ threshold, sum the weighted leaf values
/// and the bias in double, cast to float, then the Platt calibrator if any.
/// Immutable after construction, so one instance serves every thread.
/// </summary>
public sealed partial class TreeEnsembleScorer
{
    /// <summary>Children ≥ 0 are nodes of the same flat array; a child &lt; 0 is leaf ~child.</summary>
    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);

    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly double[] _leaves;
    private readonly double _bias;
    private readonly PlattCalibrator? _platt;

    private TreeEnsembleScorer(Node[] nodes, int[] roots, double[] leaves, double bias, PlattCalibrator? platt, int featureCount)
    {
        _nodes = nodes;
        _roots = roots;
        _leaves = leaves;
        _bias = bias;
        _platt = platt;
        FeatureCount = featureCount;
        _batch = BuildBatchLayout();
    }

    /// <summary>One more than the highest feature index any split reads.</summary>
    public int FeatureCount { get; }

    public int TreeCount => _roots.Length;

    /// <summary>True when a Platt calibrator turns the score into a probability.</summary>
    public bool IsCalibrated => _platt is not null;

    /// <summary>The ensemble's raw output ("Score" column): a regression value or an uncalibrated margin.</summary>
    public float Score(ReadOnlySpan<float> features)
    {
        CheckLength(features);
        double sum = 0;
        for (var t = 0; t < _roots.Length; t++)
        {
            sum += _leaves[Leaf(_roots[t], features)];
        }
        return Finish(sum);
    }

    /// <summary>The calibrated probability ("Probability" column); only for a calibrated classifier.</summary>
    public float Probability(ReadOnlySpan<float> features) => Calibrate(Score(features));

    public float Calibrate(float score)
    {
        var platt = _platt ?? throw new InvalidOperationException("This ensemble has no calibrator: it scores, it does not give probabilities.");
        // ML.NET's PlattCalibrator: 1 / (1 + exp(slope·score + offset)), in double, then float.
        return float.IsNaN(score) ? score : (float)(1 / (1 + Math.Exp((platt.Slope * score) + platt.Offset)));
    }

    /// <summary>Scores rows given as separate arrays: copied into one pooled flat array, then <see cref="ScoreBatch(ReadOnlySpan{float}, int, Span{float})"/>.</summary>
    public void ScoreBatch(IReadOnlyList<float[]> rows, Span<float> scores)
    {
        if (scores.Length < rows.Count)
        {
            throw new ArgumentException($"{rows.Count} rows need {rows.Count} scores; the span holds {scores.Length}.", nameof(scores));
        }
        if (rows.Count == 0)
        {
            return;
        }
        var width = rows[0].Length;
        var flat = System.Buffers.ArrayPool<float>.Shared.Rent(rows.Count * width);
        try
        {
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                CheckLength(row);
                if (row.Length != width)
                {
                    throw new ArgumentException($"Row {r} has {row.Length} features; row 0 has {width}.", nameof(rows));
                }
                row.CopyTo(flat, r * width);
            }
            ScoreBatch(flat.AsSpan(0, rows.Count * width), width, scores);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(flat);
        }
    }

    /// <summary>
    /// For each feature i, the score of <paramref name="features"/> with feature i alone set to
    /// <paramref name="replacements"/>[i] — the perturbations a driver explanation needs — without
    /// scoring n+1 rows. The changed row follows the row's own path down to the first split on i
    /// that sends the replacement the other way (splits on other features read the same values,
    /// earlier splits on i agree); a tree without such a split on the path gives the changed row the
    /// same leaf and adds exactly nothing. So the row's path is walked once per tree, noting where
    /// each feature diverges, and only those (tree, feature) pairs are walked on, from the other
    /// child. The sums are those of replacing the feature and scoring again: every tree's change
    /// added in tree order, then added to the row's sum.
    /// </summary>
    public float ScoreEachReplaced(ReadOnlySpan<float> features, ReadOnlySpan<float> replacements, Span<float> replaced)
    {
        CheckLength(features);
        if (replacements.Length != features.Length || replaced.Length != features.Length)
        {
            throw new ArgumentException($"replacements and results must have the row's length {features.Length}.");
        }
        var width = features.Length;
        var small = width <= 128;
        Span<double> deltas = small ? stackalloc double[width] : new double[width];
        deltas.Clear();
        Span<float> row = small ? stackalloc float[width] : new float[width];
        features.CopyTo(row);
        Span<int> diverged = small ? stackalloc int[Lanes * width] : new int[Lanes * width];
        Span<int> turns = small ? stackalloc int[Lanes * width] : new int[Lanes * width];
        Span<int> turned = small ? stackalloc int[Lanes * width] : new int[Lanes * width];
        var walk = new DivergenceWalk(_nodes, features, replacements, diverged, turns, turned, stackalloc int[Lanes]);
        var leaves = _leaves;
        var roots = _roots;
        double sum = 0;
        var t = 0;
        // Four trees' paths side by side: their dependent node loads overlap instead of waiting in turn.
        for (; t + Lanes <= roots.Length; t += Lanes)
        {
            walk.Counts.Clear();
            int n0 = roots[t], n1 = roots[t + 1], n2 = roots[t + 2], n3 = roots[t + 3];
            while ((n0 & n1 & n2 & n3) >= 0)
            {
                n0 = n0 >= 0 ? walk.Step(n0, t, 0) : n0;
                n1 = n1 >= 0 ? walk.Step(n1, t + 1, 1) : n1;
                n2 = n2 >= 0 ? walk.Step(n2, t + 2, 2) : n2;
                n3 = n3 >= 0 ? walk.Step(n3, t + 3, 3) : n3;
            }
            sum += FinishTree(ref walk, leaves[~n0], 0, row, deltas);
            sum += FinishTree(ref walk, leaves[~n1], 1, row, deltas);
            sum += FinishTree(ref walk, leaves[~n2], 2, row, deltas);
            sum += FinishTree(ref walk, leaves[~n3], 3, row, deltas);
        }
        for (; t < roots.Length; t++)
        {
            walk.Counts.Clear();
            var node = roots[t];
            while (node >= 0)
            {
                node = walk.Step(node, t, 0);
            }
            sum += FinishTree(ref walk, leaves[~node], 0, row, deltas);
        }
        for (var i = 0; i < replaced.Length; i++)
        {
            replaced[i] = Finish(sum + deltas[i]);
        }
        return Finish(sum);
    }

    private const int Lanes = 4;

    /// <summary>
    /// Walks on from each split where lane <paramref name="lane"/>'s tree diverged (in path order),
    /// adding the changed leaf's difference to that feature's delta; returns the row's own leaf value.
    /// </summary>
    private double FinishTree(ref DivergenceWalk walk, double leaf, int lane, Span<float> row, Span<double> deltas)
    {
        var offset = lane * walk.Width;
        for (var i = 0; i < walk.Counts[lane]; i++)
        {
            var f = walk.Turned[offset + i];
            row[f] = walk.Replacements[f];
            deltas[f] += _leaves[Leaf(walk.Turns[offset + i], row)] - leaf;
            row[f] = walk.Features[f];
        }
        return leaf;
    }

    /// <summary>
    /// The row's path through up to <see cref="Lanes"/> trees at once, noting per lane (tree) the
    /// first split of each feature where its replacement turns the other way, and the child it takes.
    /// </summary>
    private ref struct DivergenceWalk(Node[] nodes, ReadOnlySpan<float> features, ReadOnlySpan<float> replacements, Span<int> diverged, Span<int> turns, Span<int> turned, Span<int> counts)
    {
        private readonly Node[] _nodes = nodes;
        private readonly Span<int> _diverged = Fill(diverged);

        public readonly ReadOnlySpan<float> Features = features;
        public readonly ReadOnlySpan<float> Replacements = replacements;
        public readonly Span<int> Turns = turns;
        public readonly Span<int> Turned = turned;
        public readonly Span<int> Counts = counts;
        public readonly int Width = features.Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly int Step(int node, int tree, int lane)
        {
            ref readonly var split = ref _nodes[node];
            var f = split.Feature;
            var left = Features[f] <= split.Threshold;
            if (left != (Replacements[f] <= split.Threshold))
            {
                ref var last = ref _diverged[(lane * Width) + f];
                if (last != tree)
                {
                    last = tree;
                    var at = (lane * Width) + Counts[lane]++;
                    Turns[at] = left ? split.Right : split.Left;
                    Turned[at] = f;
                }
            }
            return left ? split.Left : split.Right;
        }

        private static Span<int> Fill(Span<int> span)
        {
            span.Fill(-1);
            return span;
        }
    }

    /// <summary>Tree <paramref name="tree"/>'s leaf value for a row, and the ensemble's bias: the terms the scores sum (for checks of the arithmetic).</summary>
    internal double LeafValue(int tree, ReadOnlySpan<float> features) => _leaves[Leaf(_roots[tree], features)];

    internal double Bias => _bias;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Leaf(int node, ReadOnlySpan<float> features)
    {
        var nodes = _nodes;
        while (node >= 0)
        {
            ref readonly var split = ref nodes[node];
            node = features[split.Feature] <= split.Threshold ? split.Left : split.Right;
        }
        return ~node;
    }

    private float Finish(double sum) => (float)(_bias + sum);

    private void CheckLength(ReadOnlySpan<float> features)
    {
        if (features.Length < FeatureCount)
        {
            throw new ArgumentException($"The ensemble reads {FeatureCount} features; the row has {features.Length}.", nameof(features));
        }
    }
}
