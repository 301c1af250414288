using TorchSharp;
using static TorchSharp.torch;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.FailureRisk;

// Proves the ELF fix (TorchSharpElfFix.targets) lets TorchSharp load and train on this machine.
public class TorchSharpRuntimeTests
{
    [Fact]
    public void TorchSharp_TinyModel_TrainsAndPredicts()
    {
        torch.random.manual_seed(42);

        // y = 2x + 1 on a handful of points.
        var x = torch.tensor(new float[] { -2f, -1f, 0f, 1f, 2f, 3f }).reshape(6, 1);
        var y = x * 2 + 1;

        var model = nn.Linear(1, 1);
        var optimizer = optim.SGD(model.parameters(), learningRate: 0.05);
        var lossFn = nn.MSELoss();

        float initialLoss = lossFn.call(model.call(x), y).item<float>();
        float finalLoss = initialLoss;
        for (int step = 0; step < 300; step++)
        {
            optimizer.zero_grad();
            var loss = lossFn.call(model.call(x), y);
            loss.backward();
            optimizer.step();
            finalLoss = loss.item<float>();
        }

        Assert.True(finalLoss < initialLoss, $"loss did not decrease: {initialLoss} -> {finalLoss}");
        Assert.True(finalLoss < 1e-3f, $"final loss too high: {finalLoss}");

        using var _ = torch.no_grad();
        float prediction = model.call(torch.tensor(new float[] { 4f }).reshape(1, 1)).item<float>();
        Assert.True(float.IsFinite(prediction));
        Assert.InRange(prediction, 8.9f, 9.1f);
    }
}
