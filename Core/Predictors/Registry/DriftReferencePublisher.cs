using MlOpsDashboard.Core.Drift.Profiles;

namespace MlOpsDashboard.Core.Predictors.Registry;

/// <summary>
/// Hands each registered version's training columns to drift detection, under the model and
/// version names the prediction log answers to (<c>build-time</c>, <c>v3</c>), so the drift
/// monitor compares what a version serves with exactly what it was trained on.
/// </summary>
public sealed class DriftReferencePublisher(IReferenceProfileStore profiles, TimeProvider clock)
{
    public static (string Model, string Version) DriftKey(ModelVersionId id) =>
        (ModelVersionId.Slug(id.Kind), "v" + id.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task PublishAsync(ModelVersionId id, IReadOnlyList<float[]> vectors, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var columns = names.Select((name, j) => TrainingColumn.Numeric(name, [.. vectors.Select(v => (double)v[j])]));
        var (model, version) = DriftKey(id);
        return profiles.SaveAsync(ReferenceProfileBuilder.Build(model, version, columns, clock.GetUtcNow()), cancellationToken);
    }
}
