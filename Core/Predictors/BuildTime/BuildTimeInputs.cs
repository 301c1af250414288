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
        var copy = new float[vector.Length];
        ForModel(vector, relative, copy);
        return copy;
    }

    /// <summary>
    /// The tree inputs of <paramref name="vector"/> written into <paramref name="destination"/> (its length):
    /// the request path keeps them on the stack instead of a copy per prediction. Without relative inputs the
    /// trees read the vector itself, which is returned and <paramref name="destination"/> left untouched.
    /// </summary>
    public static ReadOnlySpan<float> ForModel(ReadOnlySpan<float> vector, bool relative, Span<float> destination)
    {
        if (!relative)
        {
            return vector;
        }
        vector.CopyTo(destination);
        destination[BuildTimeModel.PreviousDurationIndex] = 0;
        // The recent passed builds' length as a log-ratio to the anchor (0 = unknown or equal), not in seconds.
        destination[RecentPassedIndex] = RecentToPrevious(vector[RecentPassedIndex], vector[BuildTimeModel.PreviousDurationIndex]);
        return destination[..vector.Length];
    }

    /// <summary>
    /// The tree inputs of <paramref name="vector"/> with each feature at its median in turn (for the drivers):
    /// the recent passed builds' median is set relative to THIS build's anchor, as <see cref="ForModel"/> would.
    /// </summary>
    public static void MedianReplacements(ReadOnlySpan<float> vector, ReadOnlySpan<float> medians, ReadOnlySpan<float> treeMedians, bool relative, Span<float> replacements)
    {
        treeMedians.CopyTo(replacements);
        if (relative)
        {
            replacements[RecentPassedIndex] = RecentToPrevious(medians[RecentPassedIndex], vector[BuildTimeModel.PreviousDurationIndex]);
        }
    }

    /// <summary>Whether moving the previous duration to its median also changes a tree input (the recent passed ratio).</summary>
    public static bool PreviousDurationMovesInputs(ReadOnlySpan<float> vector, bool relative) => relative && vector[RecentPassedIndex] > 0;

    private static float RecentToPrevious(float recent, float previous) =>
        recent <= 0 ? 0 : (float)(Math.Log(1 + recent) - Math.Log(1 + Math.Max(0, previous)));
}
