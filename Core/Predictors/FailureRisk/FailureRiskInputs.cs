using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.FailureRisk;

/// <summary>
/// The columns of the canonical <see cref="BuildFeatureVector"/> a failure-risk model reads, in order.
/// The canonical vector also carries columns that only describe how long builds run; the network's
/// input width, scaler and random initialisation must not change when such a column is added
/// (measured: one more input re-drew the MLP's initial weights and cost the champion 0.008 test AUC),
/// so each failure-risk version names its own columns and is answered from exactly those.
/// </summary>
public sealed class FailureRiskInputs
{
    /// <summary>Canonical columns for build time only: they tell how long builds run, not whether they fail.</summary>
    public static IReadOnlySet<string> BuildTimeOnly { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(BuildFeatures.RecentPassedDurationSeconds),
    };

    /// <summary>What new failure-risk models train on: every canonical column but the build-time-only ones.</summary>
    public static FailureRiskInputs Default { get; } = new([.. BuildFeatureVector.Names.Where(n => !BuildTimeOnly.Contains(n))]);

    /// <summary>
    /// Versions saved before their calibration named its columns were trained on the whole canonical vector
    /// of that time: today's first 41 columns (build-time-only columns were appended after them).
    /// </summary>
    public static FailureRiskInputs BeforeNamedColumns { get; } = new([.. BuildFeatureVector.Names.Take(41)]);

    private readonly int[] _indices;

    /// <exception cref="ArgumentException">A column the canonical vector does not hold, a repeated column, or none.</exception>
    public FailureRiskInputs(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var canonical = BuildFeatureVector.Names.ToList();
        var unknown = names.Where(n => !canonical.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"The canonical build features hold no column {string.Join(", ", unknown)}.", nameof(names));
        }
        var repeated = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0 || names.Count == 0)
        {
            throw new ArgumentException(names.Count == 0 ? "A failure-risk model reads at least one column." : $"Columns listed twice: {string.Join(", ", repeated)}.", nameof(names));
        }
        Names = [.. names];
        _indices = [.. names.Select(n => canonical.IndexOf(n))];
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => _indices.Length;

    /// <summary>This model's inputs, in order, taken from a canonical vector.</summary>
    public float[] Select(float[] canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        if (canonical.Length != BuildFeatureVector.Length)
        {
            throw new ArgumentException($"A canonical build-feature vector has {BuildFeatureVector.Length} values; this one has {canonical.Length}.", nameof(canonical));
        }
        var inputs = new float[_indices.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = canonical[_indices[i]];
        }
        return inputs;
    }

    public float[] ToVector(BuildFeatures features) => Select(BuildFeatureVector.ToVector(features));

    /// <summary>The columns a stored calibration names, or the columns of versions saved before it named them.</summary>
    internal static FailureRiskInputs Of(IReadOnlyList<string>? columns) => columns is null ? BeforeNamedColumns : new FailureRiskInputs(columns);
}
