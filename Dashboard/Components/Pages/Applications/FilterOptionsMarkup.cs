using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace MlOpsDashboard.Dashboard.Components.Pages.Applications;

/// <summary>
/// A filter select's options ("All" and one per value) as one HTML string per distinct list for the
/// whole process. As elements, each option was three frames and its strings in both render buffers of
/// every circuit (with 5,000 applications, about 15 KB per idle circuit). The lists come from the
/// shared <see cref="Core.Cluster.ApplicationListView"/> of a cluster state, so the cache is keyed by
/// the list object and lets go of it with the object. Values are application fields anyone who can
/// commit to the manifests repository writes, so each is HTML-encoded.
/// </summary>
internal static class FilterOptionsMarkup
{
    private static readonly ConditionalWeakTable<IReadOnlyList<string>, string> Options = [];

    public static MarkupString For(IReadOnlyList<string> values) => new(Options.GetValue(values, Build));

    private static string Build(IReadOnlyList<string> values)
    {
        var html = new StringBuilder("<option value=\"\">All</option>");
        foreach (var value in values)
        {
            var encoded = WebUtility.HtmlEncode(value);
            html.Append($"<option value=\"{encoded}\">{encoded}</option>");
        }
        return html.ToString();
    }
}
