using Microsoft.AspNetCore.Components;

namespace MlOpsDashboard.Dashboard.Components.Shared;

/// <summary>
/// MudIcon's SVG markup without a component per icon, for the layout and rows every circuit renders:
/// keep the result in a static field so the text exists once for the process.
/// </summary>
internal static class IconMarkup
{
    /// <summary>An icon's SVG with MudIcon's classes; <paramref name="classes"/> adds any of the host's (e.g. "mud-chip-icon").</summary>
    public static MarkupString Svg(string icon, string size = "medium", string? classes = null) => new(SvgText(icon, size, classes));

    /// <summary>An icon as MudIconButton's label.</summary>
    public static MarkupString ButtonLabel(string icon, string size = "medium") =>
        new($"<span class=\"mud-icon-button-label\">{SvgText(icon, size, null)}</span>");

    private static string SvgText(string icon, string size, string? classes) =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{size}{(classes is null ? "" : " " + classes)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>";
}
