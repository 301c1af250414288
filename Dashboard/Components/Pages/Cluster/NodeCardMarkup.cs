using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Cluster.Placement;
using MlOpsDashboard.Dashboard.Components.Shared;
using MudBlazor;

namespace MlOpsDashboard.Dashboard.Components.Pages.Cluster;

/// <summary>
/// The static parts of a node card (heading with its role, architecture and readiness chips, the
/// OS line, conditions, taints and labels) as HTML built once per node version for the whole
/// process. Rendered per circuit they were some two hundred frames and their strings in each of the
/// card's two render buffers. A node object is
/// immutable (a change brings a new one), so the cache is keyed by the object and lets go of it
/// with the object. Every value from the cluster is HTML-encoded: labels, taints and condition
/// messages are whatever the node's kubelet or an administrator wrote.
/// </summary>
internal sealed class NodeCardMarkup
{
    private static readonly ConditionalWeakTable<ClusterNode, NodeCardMarkup> Cards = [];
    private static readonly string ControlPlaneIcon = IconMarkup.Svg(Icons.Material.Filled.Hub).Value;
    private static readonly string WorkerIcon = IconMarkup.Svg(Icons.Material.Filled.Memory).Value;

    private readonly ClusterNode _node;
    private UsageBars? _usage;

    private NodeCardMarkup(ClusterNode node)
    {
        _node = node;
        Heading = new MarkupString(BuildHeading(node));
        Details = new MarkupString(BuildDetails(node));
        Labels = new MarkupString(BuildLabels(node));
    }

    /// <summary>Icon, name and the role, architecture and readiness chips (the inside of the heading row).</summary>
    public MarkupString Heading { get; }

    /// <summary>The conditions and the taints.</summary>
    public MarkupString Details { get; }

    /// <summary>
    /// The label chips. The card keeps the folding &lt;details&gt; element as its own, so a person's
    /// opening it survives a new node version (a markup frame is replaced whole when its text changes).
    /// </summary>
    public MarkupString Labels { get; }

    public static NodeCardMarkup Of(ClusterNode node) => Cards.GetValue(node, static n => new NodeCardMarkup(n));

    /// <summary>
    /// The OS line and the CPU and memory bars for the requests of <paramref name="requestedCpu"/> and
    /// <paramref name="requestedMemory"/> on this node version; the last pair asked for is kept, so
    /// every circuit showing the same cluster state gets the same string.
    /// </summary>
    public MarkupString OsLineAndUsage(decimal requestedCpu, decimal requestedMemory)
    {
        var usage = _usage;
        if (usage is null || usage.Cpu != requestedCpu || usage.Memory != requestedMemory)
        {
            usage = new UsageBars(requestedCpu, requestedMemory, new MarkupString(
                $"<p class=\"mud-typography mud-typography-body2 mud-text-secondary mt-1\">{E(_node.OperatingSystem)}/{E(_node.Architecture)} · {E(_node.OsImage)} · K3s {E(_node.KubeletVersion)}</p>"
                + UsageBarMarkup.Html("CPU", _node.AllocatableCpu, requestedCpu, _node.UsedCpu, PlacementChecks.Cpu).Value
                + UsageBarMarkup.Html("Memory", _node.AllocatableMemory, requestedMemory, _node.UsedMemory, PlacementChecks.Memory).Value));
            _usage = usage;
        }
        return usage.Markup;
    }

    private static string BuildHeading(ClusterNode node)
    {
        var html = new StringBuilder(node.IsControlPlane ? ControlPlaneIcon : WorkerIcon);
        html.Append($"<h2 class=\"mud-typography mud-typography-h6\">{E(node.Name)}</h2>");
        foreach (var role in node.Roles)
        {
            html.Append(ChipMarkup.Html(Color.Default, role, variant: "outlined"));
        }
        html.Append(ChipMarkup.Html(Color.Primary, node.Architecture, attributes: " data-testid=\"node-arch\""));
        html.Append(node.IsReady ? ChipMarkup.Html(Color.Success, "Ready", attributes: " data-testid=\"node-ready\"") : ChipMarkup.Html(Color.Error, "NotReady", attributes: " data-testid=\"node-ready\""));
        return html.ToString();
    }

    private static string BuildDetails(ClusterNode node)
    {
        var html = new StringBuilder();
        html.Append("<h3 class=\"mud-typography mud-typography-subtitle2 mt-3\">Conditions</h3><div class=\"d-flex flex-row flex-wrap gap-1\">");
        foreach (var condition in node.Conditions)
        {
            html.Append(ChipMarkup.Html(ConditionColor(condition), $"{condition.Type}={condition.Status}",
                attributes: $" title=\"{E($"{condition.Reason}: {condition.Message}")}\" data-condition=\"{E(condition.Type)}\""));
        }
        html.Append("</div><h3 class=\"mud-typography mud-typography-subtitle2 mt-2\">Taints</h3>");
        if (node.Taints.IsEmpty)
        {
            html.Append("<p class=\"mud-typography mud-typography-body2 mud-text-secondary\">none</p>");
        }
        else
        {
            html.Append("<div class=\"d-flex flex-row flex-wrap gap-1\">");
            foreach (var taint in node.Taints)
            {
                html.Append(ChipMarkup.Html(Color.Warning, taint.ToString(), variant: "outlined"));
            }
            html.Append("</div>");
        }
        return html.ToString();
    }

    private static string BuildLabels(ClusterNode node)
    {
        var html = new StringBuilder();
        foreach (var label in node.Labels)
        {
            html.Append(ChipMarkup.Html(Color.Default, $"{label.Key}={label.Value}", variant: "text"));
        }
        return html.ToString();
    }

    private static Color ConditionColor(NodeCondition condition) => condition.Type == "Ready"
        ? condition.Status == "True" ? Color.Success : Color.Error
        : condition.Status == "True" ? Color.Error : Color.Default;

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private sealed record UsageBars(decimal Cpu, decimal Memory, MarkupString Markup);
}
