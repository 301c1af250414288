using Microsoft.AspNetCore.Components;

namespace MlOpsDashboard.Dashboard.Components.Pages.Cluster;

/// <summary>
/// A click inside a table whose rows carry plain buttons with <c>data-subject</c>: the browser sends
/// the clicked enabled button's subject (wwwroot/MlOpsDashboard.Dashboard.lib.module.js), so the table
/// needs one handler instead of one per row. A row's handler costs every circuit an element frame per
/// attribute of the button, a delegate and an event-handler entry in the renderer, in both render buffers.
/// </summary>
public sealed class SubjectClickEventArgs : EventArgs
{
    /// <summary>The <c>data-subject</c> of the enabled button clicked, or null for a click elsewhere in the table.</summary>
    public string? Subject { get; set; }
}

[EventHandler("onsubjectclick", typeof(SubjectClickEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
