using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlOpsDashboard.Core.Connections;

public enum ConnectionState
{
    NotConfigured,
    Connected,
    Unreachable,
}

/// <summary>
/// The results a connection check returns. "Not configured" is an honest state of its own, not
/// a failure: it says what to set to connect the backend.
/// </summary>
public static class ConnectionResults
{
    internal const string StateKey = "state";
    internal const string HintKey = "hint";

    public static HealthCheckResult Connected(string summary) =>
        HealthCheckResult.Healthy(summary, Data(ConnectionState.Connected, null));

    public static HealthCheckResult NotConfigured(string howToConnect) =>
        HealthCheckResult.Degraded("Not configured", data: Data(ConnectionState.NotConfigured, howToConnect));

    public static HealthCheckResult Unreachable(string summary, string howToFix) =>
        HealthCheckResult.Unhealthy(summary, data: Data(ConnectionState.Unreachable, howToFix));

    private static Dictionary<string, object> Data(ConnectionState state, string? hint) =>
        hint is null ? new() { [StateKey] = state } : new() { [StateKey] = state, [HintKey] = hint };
}
