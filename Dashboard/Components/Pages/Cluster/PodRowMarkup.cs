using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Cluster.Placement;
using MlOpsDashboard.Dashboard.Components.Shared;

namespace MlOpsDashboard.Dashboard.Components.Pages.Cluster;

/// <summary>
/// What a pod's row on the Cluster page shows, built once per pod version for the whole process: its
/// cells as one HTML string (one render frame) and the strings its row and Analyze button carry.
/// Built per circuit, each visible row held some forty frames and eight strings of its own in each
/// of the node card's two render buffers. A pod object is immutable (a change brings a new one), so
/// the cache is keyed by the object and lets go of it with the object. The Analyze button is markup
/// too, in the variant the circuit shows (enabled, disabled while an analysis runs, disabled for
/// lack of the operator role); clicks reach the table's one <see cref="SubjectClickEventArgs"/> handler.
/// </summary>
internal sealed class PodRowMarkup
{
    private static readonly ConditionalWeakTable<ClusterPod, PodRowMarkup> Rows = [];

    private PodRowMarkup(ClusterPod pod)
    {
        Key = pod.Key;
        Status = pod.Status;
        Subject = $"pod:{Key}";
        AnalyzeLabel = $"Analyze pod {Key}";
        static string E(string text) => WebUtility.HtmlEncode(text);
        Cells = new MarkupString(
            $"<td>{E(pod.Name)} <span class=\"mud-text-secondary\">{E(pod.Namespace)}</span></td>"
            + $"<td>{ChipMarkup.Html(NodeCard.PodColor(pod), Status)}</td>"
            + $"<td>{(pod.Ready ? "yes" : "no")}</td>"
            + $"<td>{pod.Restarts}</td>"
            + $"<td>{E(PlacementChecks.Cpu(pod.RequestCpu))} / {E(PlacementChecks.Memory(pod.RequestMemory))}</td>");
    }

    public string Key { get; }

    public string Status { get; }

    /// <summary>The analysis subject's key, as AnalyzeButton shows it in data-subject.</summary>
    public string Subject { get; }

    public string AnalyzeLabel { get; }

    public MarkupString Cells { get; }

    private MarkupString? _enabledButton;
    private MarkupString? _busyButton;
    private MarkupString? _forbiddenButton;
    private MarkupString? _enabledRow;
    private MarkupString? _busyRow;
    private MarkupString? _forbiddenRow;

    /// <summary>
    /// The whole table row (its data-pod and data-status, the cells and the Analyze cell in the variant of
    /// <see cref="AnalyzeCell"/>) as one markup frame: under Virtualize each visible row was an element with
    /// its key, two attributes and two markup frames in both of the table's render buffers per circuit.
    /// </summary>
    public MarkupString Row(bool allowed, bool running, string hint, string forbidden) =>
        !allowed ? _forbiddenRow ??= RowWith(AnalyzeCell(allowed, running, hint, forbidden))
        : running ? _busyRow ??= RowWith(AnalyzeCell(allowed, running, hint, forbidden))
        : _enabledRow ??= RowWith(AnalyzeCell(allowed, running, hint, forbidden));

    private MarkupString RowWith(MarkupString analyzeCell) =>
        new($"<tr data-pod=\"{WebUtility.HtmlEncode(Key)}\" data-status=\"{WebUtility.HtmlEncode(Status)}\">{Cells.Value}{analyzeCell.Value}</tr>");

    /// <summary>
    /// The Analyze button's cell: enabled with <paramref name="hint"/> as its title when
    /// <paramref name="allowed"/> and nothing <paramref name="running"/>; disabled otherwise, titled
    /// <paramref name="forbidden"/> when not <paramref name="allowed"/>. Built at first use per variant.
    /// </summary>
    public MarkupString AnalyzeCell(bool allowed, bool running, string hint, string forbidden) =>
        !allowed ? _forbiddenButton ??= Button(forbidden, disabled: true)
        : running ? _busyButton ??= Button(hint, disabled: true)
        : _enabledButton ??= Button(hint, disabled: false);

    private MarkupString Button(string title, bool disabled)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        return new MarkupString(
            "<td><button type=\"button\" class=\"mud-button-root mud-icon-button mud-secondary-text hover:mud-secondary-hover mud-ripple mud-ripple-icon mud-icon-button-size-small\""
            + $" title=\"{E(title)}\" aria-label=\"{E(AnalyzeLabel)}\"{(disabled ? " disabled" : "")} data-testid=\"analyze\" data-subject=\"{E(Subject)}\">"
            + $"{AnalyzeIcon}</button></td>");
    }

    private static readonly string AnalyzeIcon = IconMarkup.ButtonLabel(MudBlazor.Icons.Material.Filled.Troubleshoot, "small").Value;

    public static PodRowMarkup Of(ClusterPod pod) => Rows.GetValue(pod, static p => new PodRowMarkup(p));

    /// <summary>An application's heading row over its pods, one string per row object of the shared overview.</summary>
    public static MarkupString ApplicationRow(PodRow row) => new(ApplicationRows.GetValue(row, static r =>
    {
        var application = WebUtility.HtmlEncode(r.Application);
        return $"<tr data-application=\"{application}\"><td colspan=\"6\"><b>{application}</b></td></tr>";
    }));

    private static readonly ConditionalWeakTable<PodRow, string> ApplicationRows = [];
}
