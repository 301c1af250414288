using MlOpsDashboard.Core.Predictors.Registry;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Registry;

public class ModelVersionIdTests
{
    [Theory]
    [InlineData("build-time/v3", PredictorKind.BuildTime, 3)]
    [InlineData("failure-risk/v1", PredictorKind.FailureRisk, 1)]
    [InlineData("test-selection/v12", PredictorKind.TestSelection, 12)]
    public void TryParse_TextForm_RoundTrips(string text, PredictorKind kind, int number)
    {
        Assert.True(ModelVersionId.TryParse(text, out var id));
        Assert.Equal(new ModelVersionId(kind, number), id);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("build-time")]
    [InlineData("build-time/3")]
    [InlineData("build-time/v0")]
    [InlineData("deploy-time/v1")]
    [InlineData(null)]
    public void TryParse_Malformed_Fails(string? text)
    {
        Assert.False(ModelVersionId.TryParse(text, out _));
    }
}
