using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Reports;

namespace MlOpsDashboard.Dashboard.Components.Pages.Cluster;

/// <summary>
/// The Analyze action of a table of pods, shared by all its rows: each row is a plain button, not an
/// AnalyzeButton (with its tooltip, popover and icon button eight components per row in every
/// circuit). Runs what AnalyzeButton runs: checks the operator role again on click, collects the
/// pod's context through <see cref="SubjectAnalyzer"/> and opens the stored report.
/// </summary>
internal sealed class PodRowAnalysis(IServiceProvider services, NavigationManager navigation)
{
    public const string Hint = "Collect logs, events, status and recent commits, and find the likely root cause";

    public const string NeedsOperator = "Needs the operator role";

    /// <summary>The pod whose analysis runs now, if any.</summary>
    public string? Running { get; private set; }

    public string? Error { get; private set; }

    public bool Allowed { get; private set; }

    public async Task ReadRoleAsync(Task<AuthenticationState>? authentication) =>
        Allowed = await IsOperatorAsync(authentication);

    public async Task RunAsync(Task<AuthenticationState>? authentication, string podNamespace, string podName)
    {
        if (!await IsOperatorAsync(authentication))
        {
            Error = "Analyses need the operator role.";
            return;
        }
        var subject = AnalysisSubject.Pod(podNamespace, podName);
        Running = subject.Key;
        Error = null;
        try
        {
            // Resolved on click: rendering a pod table must not need the whole analysis stack.
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
