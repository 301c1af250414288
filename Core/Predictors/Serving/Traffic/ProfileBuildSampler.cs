using System.Reflection;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Serving.Traffic;

/// <summary>
/// Draws builds from a model version's reference profile (published at training from its training
/// rows): each feature is drawn from that feature's stored sample, or, when a profile has no sample,
/// by interpolating between its quantiles. Features are drawn independently — the profile keeps each
/// feature's distribution, not the rows — so every marginal follows the training data while
/// cross-feature correlations do not. Values are kept within the API's rules (counts ≥ 0, ratios in
/// 0-1, hour 0-23, weekday 0-6) so that traffic is never rejected for its own making.
/// </summary>
public sealed class ProfileBuildSampler
{
    private sealed record Column(string Name, double[] Sample, double[] Quantiles, Action<BuildFeatures, double> Write);

    private readonly Column[] _columns;

    private ProfileBuildSampler(Column[] columns, string source)
    {
        _columns = columns;
        Source = source;
    }

    /// <summary>"build-time v3" — which profile the builds come from.</summary>
    public string Source { get; }

    /// <summary>A sampler over <paramref name="profile"/>, or null with the reason when it lacks a build feature.</summary>
    public static ProfileBuildSampler? TryCreate(ReferenceProfile profile, out string reason)
    {
        var columns = new List<Column>();
        foreach (var name in BuildFeatureVector.Names)
        {
            var feature = profile.Feature(name);
            if (feature is null || (feature.NumericSample.Length == 0 && feature.Quantiles.Length < 2))
            {
                reason = $"the reference profile of {profile.Model} {profile.Version} has no numeric distribution for {name}";
                return null;
            }
            columns.Add(new Column(name, feature.NumericSample, feature.Quantiles, Writer(name)));
        }
        reason = "";
        return new ProfileBuildSampler([.. columns], $"{profile.Model} {profile.Version}");
    }

    public BuildFeatures Sample(Random random)
    {
        var build = new BuildFeatures();
        foreach (var column in _columns)
        {
            column.Write(build, Draw(column, random));
        }
        return build;
    }

    private static double Draw(Column column, Random random)
    {
        if (column.Sample.Length > 0)
        {
            return column.Sample[random.Next(column.Sample.Length)];
        }
        // Inverse of the piecewise-linear distribution the equally spaced quantiles describe.
        var position = random.NextDouble() * (column.Quantiles.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, column.Quantiles.Length - 1);
        return column.Quantiles[lower] + ((column.Quantiles[upper] - column.Quantiles[lower]) * (position - lower));
    }

    /// <summary>
    /// Sets one property of a fresh <see cref="BuildFeatures"/> (its init-only setters, through
    /// reflection once per column) from the vector encoding <see cref="BuildFeatureVector"/> uses.
    /// </summary>
    private static Action<BuildFeatures, double> Writer(string name)
    {
        var property = typeof(BuildFeatures).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"BuildFeatures has no property {name}.");
        var ratio = name.EndsWith("Ratio", StringComparison.Ordinal) || name is nameof(BuildFeatures.FileFailureProbabilityMax) or nameof(BuildFeatures.FileFailureProbabilityAverage);
        Func<double, object?> convert = property.PropertyType switch
        {
            var t when t == typeof(bool) => v => v >= 0.5,
            // The vector encodes an unknown previous outcome as 0.5.
            var t when t == typeof(bool?) => v => v switch { >= 0.75 => true, <= 0.25 => false, _ => null },
            _ when name == nameof(BuildFeatures.HourOfDay) => v => Math.Clamp(Math.Round(v), 0, 23),
            _ when name == nameof(BuildFeatures.DayOfWeek) => v => Math.Clamp(Math.Round(v), 0, 6),
            _ when ratio => v => Math.Clamp(v, 0, 1),
            _ => v => Math.Clamp(v, 0, Api.BuildFeaturesRules.MaxCount),
        };
        return (build, value) => property.SetValue(build, convert(value));
    }
}
