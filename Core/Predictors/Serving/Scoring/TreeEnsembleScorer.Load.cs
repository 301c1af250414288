using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace MlOpsDashboard.Core.Predictors.Serving.Scoring;

/// <summary>Finding the trees (and the calibrator) inside a trained or loaded ML.NET transformer.</summary>
public sealed partial class TreeEnsembleScorer
{
    /// <summary>
    /// Copies the ensemble out of <paramref name="model"/>: a FastTree/FastForest prediction
    /// transformer, optionally calibrated (inside the model parameters, or as a Platt calibrator
    /// transformer appended in a chain). Anything else is refused with the types found.
    /// </summary>
    public static TreeEnsembleScorer From(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        object? trees = null;
        PlattCalibrator? platt = null;
        foreach (var parameters in ModelParameters(model))
        {
            switch (parameters)
            {
                case CalibratedModelParametersBase calibrated:
                    // The generic base is invariant (FeatureWeightsCalibratedModelParameters<FastTreeBinaryModelParameters, PlattCalibrator>
                    // is no CalibratedModelParametersBase<TreeEnsembleModelParameters, ...>): read its two parts by name, once.
                    var generic = GenericCalibratedBase(calibrated.GetType());
                    trees = generic.GetProperty("SubModel", Declared)?.GetValue(calibrated);
                    platt = generic.GetProperty("Calibrator", Declared)?.GetValue(calibrated) as PlattCalibrator
                        ?? throw new NotSupportedException($"Only Platt calibration is evaluated directly; the model uses {calibrated.GetType().Name}.");
                    break;
                case TreeEnsembleModelParameters ensemble:
                    trees = ensemble;
                    break;
                case PlattCalibrator calibrator:
                    platt = calibrator;
                    break;
            }
        }
        return trees switch
        {
            // A regression forest answers the mean of its trees (not verified here, so refused); the
            // binary forest, like boosted trees, answers their sum.
            FastForestRegressionModelParameters => throw new NotSupportedException("FastForest regression is not evaluated directly."),
            TreeEnsembleModelParametersBasedOnRegressionTree regression => Build(regression.TrainedTreeEnsemble, platt),
            TreeEnsembleModelParametersBasedOnQuantileRegressionTree forest => Build(forest.TrainedTreeEnsemble, platt),
            _ => throw new NotSupportedException(
                $"No FastTree/FastForest ensemble in the model (found: {string.Join(", ", ModelParameters(model).Select(p => p.GetType().Name))})."),
        };
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    /// <summary>CalibratedModelParametersBase&lt;TSubModel, TCalibrator&gt; itself: derived types redeclare its properties.</summary>
    private static Type GenericCalibratedBase(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(CalibratedModelParametersBase<,>))
            {
                return current;
            }
        }
        throw new NotSupportedException($"{type.Name} is not a CalibratedModelParametersBase<TSubModel, TCalibrator>.");
    }

    private static IEnumerable<object> ModelParameters(ITransformer model)
    {
        if (model is IEnumerable<ITransformer> chain)
        {
            foreach (var part in chain)
            {
                foreach (var parameters in ModelParameters(part))
                {
                    yield return parameters;
                }
            }
        }
        else if (model is IPredictionTransformer<object> prediction)
        {
            yield return prediction.Model;
        }
    }

    private static TreeEnsembleScorer Build<TTree>(TreeEnsemble<TTree> ensemble, PlattCalibrator? platt)
        where TTree : RegressionTreeBase
    {
        var nodes = new List<Node>();
        var leaves = new List<double>();
        var roots = new int[ensemble.Trees.Count];
        var features = 0;
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            var weight = ensemble.TreeWeights[t];
            var nodeOffset = nodes.Count;
            var leafOffset = leaves.Count;
            if (tree.CategoricalSplitFlags.Any(c => c))
            {
                throw new NotSupportedException($"Tree {t} has categorical splits; only numerical splits are evaluated directly.");
            }
            int Child(int child) => child >= 0 ? nodeOffset + child : ~(leafOffset + ~child);
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                var feature = tree.NumericalSplitFeatureIndexes[n];
                features = Math.Max(features, feature + 1);
                nodes.Add(new Node(feature, tree.NumericalSplitThresholds[n], Child(tree.LeftChild[n]), Child(tree.RightChild[n])));
            }
            leaves.AddRange(tree.LeafValues.Select(v => v * weight));
            // A tree of one leaf has no nodes: its "root" is that leaf.
            roots[t] = tree.NumberOfNodes == 0 ? ~leafOffset : nodeOffset;
        }
        return new TreeEnsembleScorer([.. nodes], roots, [.. leaves], ensemble.Bias, platt, features);
    }
}
