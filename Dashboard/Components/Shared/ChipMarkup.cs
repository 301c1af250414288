using System.Collections.Concurrent;
using System.Net;
using MudBlazor;

namespace MlOpsDashboard.Dashboard.Components.Shared;

/// <summary>
/// MudChip's look without a component per chip, for rows and cards that every circuit renders many
/// times (a MudChip is a component with two render buffers of its own per circuit): MudBlazor's own
/// classes on plain spans. One class string per variant and colour for the process.
/// </summary>
internal static class ChipMarkup
{
    private static readonly ConcurrentDictionary<(string Variant, Color Color), string> Classes = new();

    /// <summary>The classes of a small MudChip; <paramref name="variant"/> is "filled", "outlined" or "text".</summary>
    public static string ClassOf(Color color, string variant = "filled") =>
        Classes.GetOrAdd((variant, color), static k => $"mud-chip mud-chip-{k.Variant} mud-chip-size-small mud-chip-color-{k.Color.ToString().ToLowerInvariant()}");

    /// <summary>
    /// A small chip as HTML, its text encoded; <paramref name="dataAttribute"/> carries the text too (tests and
    /// styles select on it); <paramref name="attributes"/> is further attribute markup, already encoded by the caller;
    /// <paramref name="icon"/> is an icon's markup (<see cref="IconMarkup"/>) shown before the text.
    /// </summary>
    public static string Html(Color color, string text, string? dataAttribute = null, string variant = "filled", string attributes = "", string icon = "")
    {
        var encoded = WebUtility.HtmlEncode(text);
        var data = dataAttribute is null ? "" : $" {dataAttribute}=\"{encoded}\"";
        return $"<span class=\"{ClassOf(color, variant)}\"{data}{attributes}>{icon}<span class=\"mud-chip-content\">{encoded}</span></span>";
    }
}
