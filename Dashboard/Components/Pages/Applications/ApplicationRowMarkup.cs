using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Delivery.Applications;
using MlOpsDashboard.Dashboard.Components.Shared;

namespace MlOpsDashboard.Dashboard.Components.Pages.Applications;

/// <summary>
/// The cells of an application's table row that depend on the application alone, as HTML built once
/// per application version for the whole process and rendered as one markup frame. Built per
/// circuit, a row held about forty render frames and half a dozen strings of its own in each of a
/// component's two render buffers. An application object is immutable (a change brings a new one),
/// so the cache is keyed by the object and lets go of it with the object. The whole row, with its
/// "last deployed" age, is one markup frame too (<see cref="RowOf"/>): under Virtualize a row of an
/// element, its key, the cells and the age was five frames in both render buffers of every circuit.
/// </summary>
internal static class ApplicationRowMarkup
{
    private static readonly ConditionalWeakTable<ArgoApplication, Markup> Rows = [];

    /// <summary>
    /// The table row: the cells and <paramref name="ago"/> as the last cell. The last age asked for is
    /// kept per application, so circuits rendering in the same minute share the row's text.
    /// </summary>
    public static MarkupString RowOf(ArgoApplication app, string ago)
    {
        var markup = Of(app);
        var last = markup.LastRow;
        if (last is null || last.Ago != ago)
        {
            last = new AgedRow(ago, $"<tr>{markup.Cells}<td>{WebUtility.HtmlEncode(ago)}</td></tr>");
            markup.LastRow = last;
        }
        return new MarkupString(last.Row);
    }

    private static Markup Of(ArgoApplication app) => Rows.GetValue(app, static a => new Markup(Build(a)));

    private sealed class Markup(string cells)
    {
        public string Cells { get; } = cells;

        public AgedRow? LastRow { get; set; }
    }

    private sealed record AgedRow(string Ago, string Row);

    private static string Build(ArgoApplication app)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        return $"<td><a href=\"applications/{E(Uri.EscapeDataString(app.Name))}\" data-app=\"{E(app.Name)}\">{E(app.Name)}</a></td>"
            + $"<td>{E(app.Project)}</td>"
            + $"<td>{ChipMarkup.Html(SyncStatusChip.ColorOf(app.SyncStatus), app.SyncStatus, "data-sync")}</td>"
            + $"<td>{ChipMarkup.Html(HealthStatusChip.ColorOf(app.HealthStatus), app.HealthStatus, "data-health")}</td>"
            + $"<td>{E(app.Destination.Namespace)}</td>"
            + $"<td>{E(app.Source.Path)}</td>"
            + $"<td><code>{E(ApplicationsPage.Short(app.SyncRevision))}</code></td>";
    }
}
