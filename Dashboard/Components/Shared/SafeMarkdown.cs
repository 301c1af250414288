using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;

namespace MlOpsDashboard.Dashboard.Components.Shared;

/// <summary>
/// Untrusted Markdown (LLM answers, quoted log lines) to HTML with no active content: ANSI escapes
/// and control characters stripped, raw HTML disabled in Markdig, then the HTML sanitized with an
/// http/https/mailto scheme allowlist and no images at all (a remote image is a tracking beacon).
/// </summary>
public static partial class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return "";
        }
        var html = Markdown.ToHtml(StripControl(markdown), Pipeline);
        return Sanitizer.Sanitize(html);
    }

    /// <summary>Removes ANSI colour/cursor sequences and other control characters (keeps tabs and newlines).</summary>
    public static string StripControl(string text) => ControlCharacters().Replace(AnsiEscapes().Replace(text, ""), "");

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("picture");
        sanitizer.AllowedTags.Remove("source");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowDataAttributes = false;
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
                link.RemoveAttribute("target");
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"\x1B(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex AnsiEscapes();

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]")]
    private static partial Regex ControlCharacters();
}
