using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace MlOpsDashboard.Dashboard.Components.Shared;

/// <summary>
/// A usage bar's HTML: allocatable as the full width, requested as a light band and used as the solid
/// bar, like kubectl describe node and Lens. One markup frame where a component of its own held two
/// render buffers in every circuit; node cards share it per node version (NodeCardMarkup).
/// </summary>
internal static class UsageBarMarkup
{
    public static MarkupString Html(string label, decimal allocatable, decimal requested, decimal? used, Func<decimal, string> formatter)
    {
        string Format(decimal? value) => value is { } v ? formatter(v) : "n/a";
        string Percent(decimal? value) =>
            allocatable <= 0 || value is null ? "0" : Math.Min(100m, value.Value / allocatable * 100m).ToString("0.#", CultureInfo.InvariantCulture);
        var over = allocatable > 0 && (used ?? 0) / allocatable > 0.9m;
        var l = WebUtility.HtmlEncode(label);
        return new MarkupString(
            $"<div class=\"usage-bar\" data-testid=\"usage-bar\" data-resource=\"{l}\" title=\"{l}: {Percent(used)}% used, {Percent(requested)}% requested of allocatable\">"
            + $"<div class=\"usage-bar-caption\"><span>{l}</span><span>used {WebUtility.HtmlEncode(Format(used))} · requested {WebUtility.HtmlEncode(Format(requested))} · allocatable {WebUtility.HtmlEncode(Format(allocatable))}</span></div>"
            + $"<div class=\"usage-bar-track\"><div class=\"usage-bar-requested\" style=\"width: {Percent(requested)}%\"></div>"
            + $"<div class=\"usage-bar-used{(over ? " usage-bar-over" : "")}\" style=\"width: {Percent(used)}%\"></div></div></div>");
    }
}
