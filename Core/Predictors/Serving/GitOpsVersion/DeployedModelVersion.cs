using System.Globalization;
using MlOpsDashboard.Core.Predictors.Registry;

namespace MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;

/// <summary>
/// The MODEL_VERSION that GitOps deployed for model-serving, and where it was read. The value is
/// either one registry version number for every predictor (<c>11</c> or <c>v11</c>, as the
/// platform's overlays write it) or a list naming each predictor
/// (<c>build-time/v3,failure-risk/v2,test-selection/v1</c>).
/// </summary>
public sealed record DeployedModelVersion(string Raw, string Origin)
{
    public const string VariableName = "MODEL_VERSION";

    /// <summary>The version GitOps asks for <paramref name="kind"/>, or null when the value names none for it.</summary>
    public ModelVersionId? For(PredictorKind kind)
    {
        var text = Raw.Trim();
        var bare = text.StartsWith('v') ? text[1..] : text;
        if (int.TryParse(bare, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return new ModelVersionId(kind, number);
        }
        foreach (var part in text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (ModelVersionId.TryParse(part, out var id) && id.Kind == kind)
            {
                return id;
            }
        }
        return null;
    }

    /// <summary>Whether the value can be read at all (a number, or at least one predictor/version).</summary>
    public bool IsReadable => Enum.GetValues<PredictorKind>().Any(k => For(k) is not null);
}
