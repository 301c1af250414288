using System.Globalization;
using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Predictors.Registry;

namespace MlOpsDashboard.Dashboard.Components.Pages.Models;

public partial class Models
{
    private static readonly PredictorKind[] Kinds = Enum.GetValues<PredictorKind>();
    private IReadOnlyList<ModelVersion>? _versions;
    private string? _error;
    private string? _left;
    private string? _right;
    private readonly Dictionary<ModelVersionId, FeatureImportanceSet> _importance = [];
    private readonly Dictionary<ModelVersionId, string> _importanceErrors = [];

    [Inject] public required ModelRegistry Registry { get; init; }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _versions = await Registry.ListAsync();
            foreach (var version in _versions)
            {
                await ReadImportanceAsync(version);
            }
            // Start with the failure-risk champion beside its challenger: the comparison people come for.
            var champion = _versions.FirstOrDefault(v => v.Aliases.Contains(ModelAlias.Champion));
            var challenger = _versions.FirstOrDefault(v => v.Id.Kind == champion?.Id.Kind && v.Aliases.Contains(ModelAlias.Challenger));
            _left = (champion ?? _versions.FirstOrDefault())?.Id.ToString();
            _right = (challenger ?? _versions.Skip(1).FirstOrDefault() ?? _versions.FirstOrDefault())?.Id.ToString();
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            _error = $"The model registry cannot be read: {e.Message}";
        }
    }

    private async Task ReadImportanceAsync(ModelVersion version)
    {
        try
        {
            _importance[version.Id] = await Registry.GetFeatureImportanceAsync(version);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            // One unreadable file must not hide the versions; its chart shows why it is missing.
            _importanceErrors[version.Id] = $"{FeatureImportanceSet.FileName} of {version.Id} cannot be read: {e.Message}";
        }
    }

    private FeatureImportanceSet ImportanceOf(ModelVersion version) => _importance.GetValueOrDefault(version.Id, FeatureImportanceSet.Empty);

    private ModelVersion? Left => _versions?.FirstOrDefault(v => v.Id.ToString() == _left);

    private ModelVersion? Right => _versions?.FirstOrDefault(v => v.Id.ToString() == _right);

    private static string Title(PredictorKind kind) => kind switch
    {
        PredictorKind.BuildTime => "Build time",
        PredictorKind.FailureRisk => "Failure risk",
        _ => "Test selection",
    };

    private static string[] HeadlineMetrics(PredictorKind kind) => kind switch
    {
        PredictorKind.BuildTime => ["test.mae", "test.r2", "baseline.previous-duration.mae"],
        PredictorKind.FailureRisk => ["validation.auc", "test.f1", "test.auc", "baseline.previous-failed.f1"],
        _ => ["test.apfd", "test.apfdc", "baseline.naive.apfd"],
    };

    private static string Format(double value) =>
        double.IsNaN(value) ? "–" : Math.Abs(value) >= 10 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static IEnumerable<(string Project, string Figure)> ProjectRows(ModelVersion left, ModelVersion right) =>
        left.ProjectFigures.Concat(right.ProjectFigures)
            .SelectMany(p => p.Figures.Keys.Select(f => (p.Project, f)))
            .Distinct()
            .OrderBy(r => r.Project, StringComparer.Ordinal).ThenBy(r => r.f, StringComparer.Ordinal);

    private static double Figure(ModelVersion version, string project, string figure) =>
        version.ProjectFigures.FirstOrDefault(p => p.Project == project)?.Figures.GetValueOrDefault(figure, double.NaN) ?? double.NaN;
}
