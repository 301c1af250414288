using TorchSharp;
using static TorchSharp.torch;

namespace MlOpsDashboard.Core.Predictors.FailureRisk;

/// <summary>The failure-risk MLP: 128-64-32 ReLU layers with dropout 0.3 and a sigmoid output.</summary>
internal static class FailureRiskNetwork
{
    public const double Dropout = 0.3;

    /// <summary>
    /// Torch's random generator is one for the process: a network created or trained beside a training
    /// would draw from that training's sequence, which then no longer follows from its seed. Whoever
    /// draws from it holds this (re-entrant) lock.
    /// </summary>
    internal static readonly Lock TorchRandom = new();

    public static nn.Module<Tensor, Tensor> Create(int inputs)
    {
        lock (TorchRandom)
        {
            return nn.Sequential(
                ("hidden1", nn.Linear(inputs, 128)), ("relu1", nn.ReLU()), ("drop1", nn.Dropout(Dropout)),
                ("hidden2", nn.Linear(128, 64)), ("relu2", nn.ReLU()), ("drop2", nn.Dropout(Dropout)),
                ("hidden3", nn.Linear(64, 32)), ("relu3", nn.ReLU()), ("drop3", nn.Dropout(Dropout)),
                ("output", nn.Linear(32, 1)), ("sigmoid", nn.Sigmoid()));
        }
    }

    public static double[] Probabilities(nn.Module<Tensor, Tensor> network, IReadOnlyList<float[]> scaled, int inputs)
    {
        if (scaled.Count == 0)
        {
            return [];
        }
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var flat = new float[scaled.Count * inputs];
        for (var i = 0; i < scaled.Count; i++)
        {
            Array.Copy(scaled[i], 0, flat, i * inputs, inputs);
        }
        var output = network.call(torch.tensor(flat, [scaled.Count, inputs])).reshape(-1);
        return [.. output.data<float>().Select(p => (double)p)];
    }
}
