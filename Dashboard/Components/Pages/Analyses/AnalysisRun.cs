using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Reports;

namespace MlOpsDashboard.Dashboard.Components.Pages.Analyses;

/// <summary>
/// The Analyze action: checks the operator role (again on click — a crafted event from a viewer's
/// circuit must not run an analysis), collects the subject's context through
/// <see cref="SubjectAnalyzer"/>, runs the configured analyst and opens the stored report.
/// <see cref="AnalyzeButton"/> runs it for one subject; a table of many rows (the Cluster page's pods)
/// shares one among plain buttons, since an AnalyzeButton is eight components per row in every circuit.
/// </summary>
internal sealed class AnalysisRun(IServiceProvider services, NavigationManager navigation)
{
    public const string NeedsOperator = "Needs the operator role";

    /// <summary>The key of the subject being analysed now, if any.</summary>
    public string? Running { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Whether the signed-in user may analyse, as of <see cref="ReadRoleAsync"/>.</summary>
    public bool Allowed { get; private set; }

    public static string HintFor(AnalysisSubjectKind kind) => kind switch
    {
        AnalysisSubjectKind.Drift => "Analyse this drift: drifted features, since when, the deploy before it",
        AnalysisSubjectKind.CiRun => "Analyse this failed run: failing step, error lines, triage class",
        AnalysisSubjectKind.Alert => "Analyse this alert with its pod's logs, events and status",
        _ => "Collect logs, events, status and recent commits, and find the likely root cause",
    };

    public async Task ReadRoleAsync(Task<AuthenticationState>? authentication) =>
        Allowed = await IsOperatorAsync(authentication);

    public async Task RunAsync(Task<AuthenticationState>? authentication, AnalysisSubject subject)
    {
        if (!await IsOperatorAsync(authentication))
        {
            Error = "Analyses need the operator role.";
            return;
        }
        Running = subject.Key;
        Error = null;
        try
        {
            // Resolved on click, not injected: the action sits on many pages, and rendering it must not need the whole analysis stack.
            var stored = await services.GetRequiredService<SubjectAnalyzer>().AnalyzeAsync(subject, "button", CancellationToken.None);
            navigation.NavigateTo($"/analyses?id={stored.Id}");
        }
        catch (SubjectUnavailableException e)
        {
            Error = e.Message;
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or InvalidOperationException or MlOpsDashboard.Core.Pipelines.PipelineSourceException)
        {
            Error = $"Could not collect the context: {e.Message}";
        }
        finally
        {
            Running = null;
        }
    }

    private static async Task<bool> IsOperatorAsync(Task<AuthenticationState>? authentication)
    {
        var user = authentication is null ? null : (await authentication).User;
        return user is not null && Roles.AtLeast(Roles.Operator).Any(user.IsInRole);
    }
}
