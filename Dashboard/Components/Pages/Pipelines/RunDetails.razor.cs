using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Dashboard.Components.Pages.Pipelines;

/// <summary>One run: its jobs and steps, the failing steps' logs, and triage of each failure.</summary>
public sealed partial class RunDetails : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<long, FailureClassification> _triage = [];
    private IReadOnlyList<PipelineJob>? _jobs;
    private IReadOnlyList<FailedJobLog> _failures = [];
    private string? _error;
    private (long Id, string Status)? _loaded;

    [Parameter, EditorRequired] public required PipelineRun Run { get; set; }

    [CascadingParameter] public Task<AuthenticationState>? Authentication { get; set; }

    [Inject] public required IPipelineSource Source { get; init; }

    [Inject] public required RunFailureReader Failures { get; init; }

    [Inject] public required IAuthorizationService Authorization { get; init; }

    /// <summary>Reloads when another run is selected, or when the selected run's status moves on.</summary>
    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (Run.Id, Run.Status))
        {
            return;
        }
        if (_loaded?.Id != Run.Id)
        {
            _jobs = null;
            _triage.Clear();
        }
        _loaded = (Run.Id, Run.Status);
        _error = null;
        try
        {
            _jobs = await Source.ListJobsAsync(Run.Id, _disposed.Token);
            _failures = await Failures.ReadAsync(Run.Id, _jobs, _disposed.Token);
        }
        catch (PipelineSourceException e)
        {
            _error = e.Message;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
    }

    /// <summary>The button is hidden from viewers; the check here keeps a crafted event from a viewer's circuit out too.</summary>
    private async Task TriageAsync(FailedJobLog failure)
    {
        var user = Authentication is null ? null : (await Authentication).User;
        if (user is null || !(await Authorization.AuthorizeAsync(user, Roles.Operator)).Succeeded)
        {
            _error = "Triage needs the operator role.";
            return;
        }
        _triage[failure.Job.Id] = failure.Classify();
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
