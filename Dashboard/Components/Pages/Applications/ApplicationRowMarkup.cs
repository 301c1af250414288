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
/// so the cache is keyed by the object and lets go of it with the object.
/// </summary>
internal static class ApplicationRowMarkup
{
    private static readonly ConditionalWeakTable<ArgoApplication, object> Cells = [];

    public static MarkupString CellsOf(ArgoApplication app) =>
        new((string)Cells.GetValue(app, static a => Build(a)));

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
