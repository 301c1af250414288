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
        var small = features.Length <= 256;
        Span<double> deltas = small ? stackalloc double[features.Length] : new double[features.Length];
        deltas.Clear();
        Span<float> row = small ? stackalloc float[features.Length] : new float[features.Length];
        features.CopyTo(row);
        // The tree in which a feature last diverged: only its first divergence on a path counts.
        Span<int> diverged = small ? stackalloc int[features.Length] : new int[features.Length];
        diverged.Fill(-1);
        // At most one divergence per feature on a path: the child the changed row takes, and the feature.
        Span<int> turns = small ? stackalloc int[features.Length] : new int[features.Length];
        Span<int> turned = small ? stackalloc int[features.Length] : new int[features.Length];
        var nodes = _nodes;
        var leaves = _leaves;
        double sum = 0;
        for (var t = 0; t < _roots.Length; t++)
        {
            var count = 0;
            var node = _roots[t];
            while (node >= 0)
            {
                ref readonly var split = ref nodes[node];
                var f = split.Feature;
                var left = features[f] <= split.Threshold;
                if (left != (replacements[f] <= split.Threshold) && diverged[f] != t)
                {
                    diverged[f] = t;
                    turns[count] = left ? split.Right : split.Left;
                    turned[count++] = f;
                }
                node = left ? split.Left : split.Right;
            }
            var leaf = leaves[~node];
            sum += leaf;
            for (var i = 0; i < count; i++)
            {
                var f = turned[i];
                row[f] = replacements[f];
                deltas[f] += leaves[Leaf(turns[i], row)] - leaf;
                row[f] = features[f];
            }
        }
        for (var i = 0; i < replaced.Length; i++)
        {
            replaced[i] = Finish(sum + deltas[i]);
        }
        return Finish(sum);
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
