using System.Globalization;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>Query-string values as the API server reads them.</summary>
internal static class ApiQuery
{
    public static bool IsTrue(string? value) => value is "true" or "1" or "True";

    public static long? Long(string? value, string name) =>
        string.IsNullOrEmpty(value) ? null
        : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number
        : throw SandboxApiException.BadRequest($"invalid {name}: \"{value}\"");
}
