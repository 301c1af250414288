using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Core.Drift.Profiles;

/// <summary>
/// What one feature looked like in a model version's training data: enough to test drift
/// (a sample, sorted for numeric features) and to draw the reference distribution (quantiles,
/// histogram, category shares) without keeping the training set.
/// </summary>
public sealed record FeatureProfile
{
    public required string Name { get; init; }
    public required FeatureKind Kind { get; init; }
    public required int Rows { get; init; }

    /// <summary>Numeric: values at 0, 5, …, 100 % (linear interpolation, as numpy's default).</summary>
    public double[] Quantiles { get; init; } = [];

    /// <summary>Numeric: Sturges bin edges of the reference and each bin's share.</summary>
    public double[] HistogramEdges { get; init; } = [];
    public double[] HistogramShares { get; init; } = [];

    /// <summary>Categorical and binary: each category's share.</summary>
    public Dictionary<string, double> CategoryShares { get; init; } = [];

    public double Mean { get; init; }
    public double StandardDeviation { get; init; }

    /// <summary>Numeric: sorted sample of at most <see cref="ReferenceProfileBuilder.MaxSample"/> values.</summary>
    public double[] NumericSample { get; init; } = [];

    /// <summary>Categorical and binary: sample of at most <see cref="ReferenceProfileBuilder.MaxSample"/> values.</summary>
    public string[] CategorySample { get; init; } = [];
}

/// <summary>The reference profile of one model version, built once from its training rows.</summary>
public sealed record ReferenceProfile(string Model, string Version, DateTimeOffset CreatedAt, IReadOnlyList<FeatureProfile> Features)
{
    /// <summary>Feature name under which the model's predicted value is profiled and monitored.</summary>
    public const string PredictionFeature = "prediction";

    /// <summary>Feature name under which the model's prediction confidence is profiled and monitored.</summary>
    public const string ConfidenceFeature = "confidence";

    public FeatureProfile? Feature(string name) => Features.FirstOrDefault(f => f.Name == name);
}

/// <summary>One training column: numbers for numeric features, labels for categorical and binary ones.</summary>
public sealed record TrainingColumn(string Name, FeatureKind Kind, double[]? Numbers = null, string[]? Categories = null)
{
    public static TrainingColumn Numeric(string name, double[] values) => new(name, FeatureKind.Numeric, Numbers: values);

    public static TrainingColumn Categorical(string name, string[] values, bool binary = false) =>
        new(name, binary ? FeatureKind.Binary : FeatureKind.Categorical, Categories: values);
}
