using System.Text.Json;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

public sealed class PredictionLogFeaturesJsonTests
{
    [Fact]
    public void FeaturesJson_CountsFractionsAndExtremes_SameTextAsSystemTextJson()
    {
        var random = new Random(7);
        float[] special = [0f, -0f, 1f, -1f, 999_999f, -999_999f, 1_000_000f, 16_777_217f, 1e10f, -3.5e12f, 0.1f, 0.2f, 1.5f, -2.25f, 1e-8f,
            float.Epsilon, float.MaxValue, float.MinValue, 123_456.5f, 420f, 0.333_333_34f];
        var rows = new List<float[]> { special };
        for (var r = 0; r < 200; r++)
        {
            rows.Add([.. Enumerable.Range(0, 42).Select(i => (i % 3) switch
            {
                0 => (float)random.Next(-2_000_000, 2_000_000),
                1 => (float)(random.NextDouble() * 1000),
                _ => (float)Math.Round(random.NextDouble(), 2),
            })]);
        }
        float[][] vectors = [.. rows];

        Assert.Equal(JsonSerializer.Serialize(vectors, PredictionJsonContext.Default.SingleArrayArray), PredictionLogWriter.FeaturesJson(vectors));
        foreach (var row in rows)
        {
            float[][] one = [row];
            Assert.Equal(JsonSerializer.Serialize(one, PredictionJsonContext.Default.SingleArrayArray), PredictionLogWriter.FeaturesJson(one));
        }
    }

    [Fact]
    public void FeaturesJson_NaNAndInfinity_WrittenAsTheSerializerWritesThem()
    {
        float[][] vectors = [[1, float.NaN], [float.PositiveInfinity, float.NegativeInfinity, 2.5f]];

        var json = PredictionLogWriter.FeaturesJson(vectors);

        Assert.Equal(JsonSerializer.Serialize(vectors, PredictionJsonContext.Default.SingleArrayArray), json);
        Assert.Equal("[[1,\"NaN\"],[\"Infinity\",\"-Infinity\",2.5]]", json);
    }
}
