using System.Text.RegularExpressions;

namespace MlOpsDashboard.Core.Pipelines;

/// <summary>Log text is untrusted: colour codes and other terminal escapes are removed before it is shown or classified.</summary>
public static partial class AnsiText
{
    public static string Strip(string text) => Escapes().Replace(text, "").Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>CSI sequences (colours, cursor moves), OSC sequences (titles, links) and lone control characters other than tab/newline.</summary>
    [GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]|\x1B\][^\x07\x1B]*(\x07|\x1B\\)|\x1B[@-Z\\-_]|[\x00-\x08\x0B\x0C\x0E-\x1A\x1C-\x1F\x7F]")]
    private static partial Regex Escapes();
}
