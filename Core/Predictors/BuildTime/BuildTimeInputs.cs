using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.BuildTime;

/// <summary>
/// What the build-time trees see of a feature vector. With relative inputs the previous build's
/// duration only anchors the log-ratio the trees predict; its absolute value is hidden, so the
/// answer scales with a project whose builds grow beyond anything seen in training.
/// </summary>
public static class BuildTimeInputs
{
    private static readonly int RecentPassedIndex = BuildFeatureVector.Names.ToList().IndexOf(nameof(BuildFeatures.RecentPassedDurationSeconds));

    public static float[] ForModel(float[] vector, bool relative)
    {
        if (!relative)
        {
            return vector;
        }
        var copy = (float[])vector.Clone();
        copy[BuildTimeModel.PreviousDurationIndex] = 0;
        // The recent passed builds' length as a log-ratio to the anchor (0 = unknown or equal), not in seconds.
        var recent = vector[RecentPassedIndex];
        copy[RecentPassedIndex] = recent <= 0 ? 0
            : (float)(Math.Log(1 + recent) - Math.Log(1 + Math.Max(0, vector[BuildTimeModel.PreviousDurationIndex])));
        return copy;
    }
}
