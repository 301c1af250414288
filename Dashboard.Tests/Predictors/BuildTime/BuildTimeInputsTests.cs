using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.BuildTime;

/// <summary>
/// The request path writes a build's tree inputs into a stack buffer instead of copying the vector
/// (and a batch into one pooled flat buffer): the trees must read exactly the values the copy held.
/// </summary>
public sealed class BuildTimeInputsTests
{
    private static readonly int Previous = BuildFeatureVector.Names.ToList().IndexOf(nameof(BuildFeatures.PreviousDurationSeconds));
    private static readonly int Recent = BuildFeatureVector.Names.ToList().IndexOf(nameof(BuildFeatures.RecentPassedDurationSeconds));

    private static List<BuildExample> RealBuilds() =>
        [.. BuildFastImporter.ReadFile(Path.Combine(PredictorTestData.DatasetsFolder, "buildfast", "brettwooldridge@HikariCP_newmerge.csv")).Take(600)];

    /// <summary>Real vectors, then copies with the anchor and the recent passed length moved, zeroed, negative or NaN.</summary>
    private static List<float[]> Vectors(IEnumerable<BuildExample> builds)
    {
        var vectors = builds.Select(b => BuildFeatureVector.ToVector(b.Features)).ToList();
        var random = new Random(7);
        foreach (var vector in vectors.Take(200).ToList())
        {
            var changed = (float[])vector.Clone();
            changed[Previous] = random.Next(4) switch { 0 => 0, 1 => -3, 2 => float.NaN, _ => (float)(random.NextDouble() * 5_000) };
            changed[Recent] = random.Next(4) switch { 0 => 0, 1 => -1, 2 => float.NaN, _ => (float)(random.NextDouble() * 5_000) };
            vectors.Add(changed);
        }
        return vectors;
    }

    /// <summary>What the tree inputs were before the span path: a copy with the anchor hidden and the recent length as a log-ratio to it.</summary>
    private static float[] CopiedInputs(float[] vector)
    {
        var copy = (float[])vector.Clone();
        copy[Previous] = 0;
        copy[Recent] = vector[Recent] <= 0 ? 0 : (float)(Math.Log(1 + vector[Recent]) - Math.Log(1 + Math.Max(0, vector[Previous])));
        return copy;
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }
        return bits;
    }

    [Fact]
    public void ForModel_RelativeIntoSpan_BitIdenticalToTheCopiedInputs()
    {
        Span<float> destination = stackalloc float[BuildFeatureVector.Length];
        foreach (var vector in Vectors(RealBuilds()))
        {
            var expected = Bits(CopiedInputs(vector));

            Assert.Equal(expected, Bits(BuildTimeInputs.ForModel(vector, relative: true, destination)));
            Assert.Equal(expected, Bits(BuildTimeInputs.ForModel(vector, relative: true)));
        }
    }

    [Fact]
    public void ForModel_NotRelative_ReturnsTheVectorItselfAndLeavesTheBufferAlone()
    {
        var vector = BuildFeatureVector.ToVector(RealBuilds()[0].Features);
        var destination = Enumerable.Repeat(-7f, vector.Length).ToArray();

        var inputs = BuildTimeInputs.ForModel(vector, relative: false, destination);

        Assert.True(inputs == vector.AsSpan());
        Assert.All(destination, v => Assert.Equal(-7f, v));
        Assert.Same(vector, BuildTimeInputs.ForModel(vector, relative: false));
    }

    [Fact]
    public void PredictBatch_RelativeModel_BitIdenticalToEachBuildsSinglePrediction()
    {
        var builds = RealBuilds();
        var model = BuildTimeTrainer.Train(builds.Take(500).ToList(), new BuildTimeTrainingOptions { Trees = 60, RelativeInputs = true });
        Assert.True(model.Calibration.RelativeInputs);
        var features = builds[500].Features;
        var vectors = Vectors(builds.Skip(500));

        // Batches below and above the step form's row threshold, and the whole set (moved, negative and NaN anchors included).
        foreach (var count in new[] { 1, 7, 8, vectors.Count })
        {
            var seconds = model.PredictBatch(vectors.Take(count).ToList());

            Assert.Equal(count, seconds.Count);
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(model.Predict(features, vectors[i]).Seconds), BitConverter.DoubleToInt64Bits(seconds[i]));
            }
        }
    }

    [Fact]
    public void PredictBatch_RowsOfDifferentLengths_AreRefused()
    {
        var builds = RealBuilds();
        var model = BuildTimeTrainer.Train(builds.Take(300).ToList(), new BuildTimeTrainingOptions { Trees = 20, RelativeInputs = true });
        var vector = BuildFeatureVector.ToVector(builds[400].Features);

        var error = Assert.Throws<ArgumentException>(() => model.PredictBatch([vector, vector[..^1]]));

        Assert.Contains("Row 1", error.Message);
    }
}
