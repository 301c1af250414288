using System.Globalization;

namespace MlOpsDashboard.Core.Predictors.Registry;

/// <summary>The three predictors the platform serves.</summary>
public enum PredictorKind
{
    BuildTime,
    FailureRisk,
    TestSelection,
}

/// <summary>Names a model version kept in the registry (an alias resolves to one of these).</summary>
public enum ModelAlias
{
    Champion,
    Challenger,
}

/// <summary>
/// Identity of one trained model version: which predictor and its number within that predictor
/// (1, 2, 3, ...). Text form is <c>build-time/v3</c>, <c>failure-risk/v1</c>, <c>test-selection/v2</c>.
/// </summary>
public readonly record struct ModelVersionId(PredictorKind Kind, int Number)
{
    public static string Slug(PredictorKind kind) => kind switch
    {
        PredictorKind.BuildTime => "build-time",
        PredictorKind.FailureRisk => "failure-risk",
        PredictorKind.TestSelection => "test-selection",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown predictor kind"),
    };

    public override string ToString() => $"{Slug(Kind)}/v{Number.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, out ModelVersionId id)
    {
        id = default;
        var parts = text?.Split('/');
        if (parts is not { Length: 2 } || !parts[1].StartsWith('v')
            || !int.TryParse(parts[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return false;
        }
        foreach (var kind in Enum.GetValues<PredictorKind>())
        {
            if (Slug(kind) == parts[0])
            {
                id = new ModelVersionId(kind, number);
                return true;
            }
        }
        return false;
    }
}
