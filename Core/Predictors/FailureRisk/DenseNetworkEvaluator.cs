using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using TorchSharp;
using static TorchSharp.torch;

namespace MlOpsDashboard.Core.Predictors.FailureRisk;

/// <summary>
/// The failure-risk MLP's forward pass in managed code, its weights copied once from the trained
/// TorchSharp module (Linear layers with ReLU between them, a sigmoid at the end; dropout is off in
/// evaluation). One row costs a few microseconds and no native call, tensor or lock, and the driver
/// perturbations reuse the row's first layer: changing input i only adds column i of its weights.
/// Immutable, so every thread shares one instance.
/// </summary>
internal sealed class DenseNetworkEvaluator
{
    /// <summary>Row-major weights [outputs × inputs], as torch's Linear stores them.</summary>
    private sealed record Layer(float[] Weights, float[] Bias, int Inputs, int Outputs);

    private readonly Layer[] _layers;
    private readonly float[] _firstColumns;

    private DenseNetworkEvaluator(Layer[] layers)
    {
        _layers = layers;
        var first = layers[0];
        // Column-major copy of the first layer: column i is contiguous for the perturbation update.
        _firstColumns = new float[first.Weights.Length];
        for (var o = 0; o < first.Outputs; o++)
        {
            for (var i = 0; i < first.Inputs; i++)
            {
                _firstColumns[(i * first.Outputs) + o] = first.Weights[(o * first.Inputs) + i];
            }
        }
    }

    public int Inputs => _layers[0].Inputs;

    /// <summary>Copies the Linear layers of <paramref name="network"/> in order (weight, then bias of each).</summary>
    public static DenseNetworkEvaluator From(nn.Module<Tensor, Tensor> network)
    {
        var layers = new List<Layer>();
        float[]? weights = null;
        long[] shape = [];
        foreach (var (name, parameter) in network.named_parameters())
        {
            using var values = parameter.detach().cpu().to_type(ScalarType.Float32);
            if (name.EndsWith(".weight", StringComparison.Ordinal))
            {
                weights = values.data<float>().ToArray();
                shape = values.shape;
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal) && weights is not null && shape.Length == 2)
            {
                layers.Add(new Layer(weights, values.data<float>().ToArray(), (int)shape[1], (int)shape[0]));
                weights = null;
            }
            else
            {
                throw new NotSupportedException($"Unexpected parameter {name} with shape [{string.Join(", ", values.shape)}]: only Linear layers are evaluated.");
            }
        }
        if (layers.Count == 0 || layers[^1].Outputs != 1 || layers.Zip(layers.Skip(1)).Any(p => p.First.Outputs != p.Second.Inputs))
        {
            throw new NotSupportedException($"Expected a chain of Linear layers ending in one output; got {string.Join(" → ", layers.Select(l => $"{l.Inputs}x{l.Outputs}"))}.");
        }
        return new DenseNetworkEvaluator([.. layers]);
    }

    public float Probability(ReadOnlySpan<float> scaled)
    {
        var first = _layers[0];
        Span<float> preActivation = stackalloc float[first.Outputs];
        for (var o = 0; o < first.Outputs; o++)
        {
            preActivation[o] = TensorPrimitives.Dot(first.Weights.AsSpan(o * first.Inputs, first.Inputs), scaled) + first.Bias[o];
        }
        return FromFirstLayer(preActivation);
    }

    /// <summary>
    /// The probability of <paramref name="scaled"/>, and in <paramref name="replaced"/>[i] the probability
    /// with input i alone set to <paramref name="replacements"/>[i] (equal inputs give the row's own answer).
    /// </summary>
    public float ProbabilityEachReplaced(ReadOnlySpan<float> scaled, ReadOnlySpan<float> replacements, Span<float> replaced)
    {
        var first = _layers[0];
        Span<float> preActivation = stackalloc float[first.Outputs];
        for (var o = 0; o < first.Outputs; o++)
        {
            preActivation[o] = TensorPrimitives.Dot(first.Weights.AsSpan(o * first.Inputs, first.Inputs), scaled) + first.Bias[o];
        }
        var probability = FromFirstLayer(preActivation);
        Span<float> changed = stackalloc float[first.Outputs];
        for (var i = 0; i < first.Inputs; i++)
        {
            var delta = replacements[i] - scaled[i];
            if (delta == 0)
            {
                replaced[i] = probability;
                continue;
            }
            TensorPrimitives.MultiplyAdd(_firstColumns.AsSpan(i * first.Outputs, first.Outputs), delta, preActivation, changed);
            replaced[i] = FromFirstLayer(changed);
        }
        return probability;
    }

    /// <summary>ReLU of the first layer's sums, the remaining layers, then the sigmoid.</summary>
    private float FromFirstLayer(ReadOnlySpan<float> firstSums)
    {
        Span<float> current = stackalloc float[firstSums.Length];
        TensorPrimitives.Max(firstSums, 0f, current);
        Span<float> next = stackalloc float[firstSums.Length];
        for (var l = 1; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            var input = current[..layer.Inputs];
            var output = next[..layer.Outputs];
            for (var o = 0; o < layer.Outputs; o++)
            {
                output[o] = TensorPrimitives.Dot(layer.Weights.AsSpan(o * layer.Inputs, layer.Inputs), input) + layer.Bias[o];
            }
            if (l < _layers.Length - 1)
            {
                TensorPrimitives.Max(output, 0f, output);
            }
            var swap = current;
            current = next;
            next = swap;
        }
        return 1f / (1f + MathF.Exp(-current[0]));
    }
}
