using MlOpsDashboard.Core.Predictors.FailureRisk;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.FailureRisk;

public sealed class FeatureScalerTests
{
    [Fact]
    public void Transform_ColumnConstantInTraining_IsZeroWhateverItLaterHolds()
    {
        var scaler = FeatureScaler.Fit([[1, 0], [3, 0], [7, 0]], 2);

        Assert.Equal(0, scaler.Transform([5, 0])[1]);
        Assert.Equal(0, scaler.Transform([5, 4_000])[1]);
    }

    [Fact]
    public void Transform_VaryingColumn_StandardisesItsSignedLog()
    {
        var scaler = FeatureScaler.Fit([[0], [(float)(Math.E - 1)]], 1);

        // Compressed values 0 and 1: mean 0.5, deviation 0.5.
        Assert.Equal(-1, scaler.Transform([0])[0], 5);
        Assert.Equal(1, scaler.Transform([(float)(Math.E - 1)])[0], 5);
    }
}
