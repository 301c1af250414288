using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Reports;
using MudBlazor;

namespace MlOpsDashboard.Dashboard.Components.Pages.Analyses;

public sealed partial class Analyses : IDisposable
{
    private IReadOnlyList<AnalysisRecord> _records = [];
    private StoredAnalysis? _selected;
    private string? _domain;
    private string? _urgency;
    private string? _text;
    private bool _loading;
    private bool _publishing;
    private string? _published;
    private AnalysisSubject? _subject;

    [Inject]
    public required AnalysisStore Store { get; init; }

    [Inject]
    public required GitHubReportPublisher GitHub { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    /// <summary>Opens one report directly: links from the attention queue and the Analyze buttons.</summary>
    [SupplyParameterFromQuery(Name = "id")]
    public long? Id { get; set; }

    /// <summary>A CI run's analyses: /analyses?run=42 (the Pipelines page's triage links here).</summary>
    [SupplyParameterFromQuery(Name = "run")]
    public long? Run { get; set; }

    /// <summary>A model's drift analyses: /analyses?drift=failure-risk&amp;version=v3 (the Drift page's Investigate).</summary>
    [SupplyParameterFromQuery(Name = "drift")]
    public string? DriftModel { get; set; }

    [SupplyParameterFromQuery(Name = "version")]
    public string? DriftVersion { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Store.Stored += OnStored;
        _subject = Run is { } run ? AnalysisSubject.CiRun(run)
            : !string.IsNullOrWhiteSpace(DriftModel) ? AnalysisSubject.Drift(DriftModel, DriftVersion)
            : null;
        await LoadAsync();
        if (Id is { } id)
        {
            await SelectAsync(id);
        }
        else if (_subject is not null && _records.Count > 0)
        {
            // The newest analysis of what the user came to investigate.
            await SelectAsync(_records[0].Id);
        }
    }

    private async Task FilterAsync(Action change)
    {
        change();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _records = await Store.ListAsync(new AnalysisFilter(_domain, _urgency, null, _text, Subject: _subject?.Key), CancellationToken.None);
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task ShowAllAsync()
    {
        _subject = null;
        await LoadAsync();
    }

    private async Task SelectAsync(long id)
    {
        _published = null;
        _selected = await Store.FindAsync(id, CancellationToken.None);
    }

    private async Task OpenIssueAsync()
    {
        if (_selected is null || Authentication is null)
        {
            return;
        }
        var user = (await Authentication).User;
        _publishing = true;
        try
        {
            _published = await GitHub.OpenIssueAsync(_selected, user.FindFirstValue(ClaimTypes.Name) ?? "an operator");
            Snackbar.Add("GitHub issue opened.", Severity.Success);
        }
        catch (Exception e) when (e is Octokit.ApiException or GitHubNotConfiguredException or HttpRequestException)
        {
            Snackbar.Add($"GitHub refused: {e.Message}", Severity.Error);
        }
        finally
        {
            _publishing = false;
        }
    }

    private void OnStored(long id) => _ = InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    private static Color UrgencyColor(string urgency) => urgency switch
    {
        "P0" => Color.Error,
        "P1" => Color.Warning,
        _ => Color.Info,
    };

    private static string MaskedText(StoredAnalysis analysis) =>
        analysis.Report.Redaction.Masked.Count == 0 ? "nothing" : string.Join(", ", analysis.Report.Redaction.Masked.Select(m => $"{m.Count} {m.Kind}"));

    public void Dispose() => Store.Stored -= OnStored;
}
