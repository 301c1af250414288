namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// A failure the Kubernetes API would report as a Status object; the store throws it and the
/// server turns it into the same HTTP status and body a real API server sends.
/// </summary>
public sealed class SandboxApiException(int code, string reason, string message, SandboxStatusDetails? details = null)
    : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>Kubernetes StatusReason: NotFound, AlreadyExists, Conflict, Expired, BadRequest ...</summary>
    public string Reason { get; } = reason;

    public SandboxStatusDetails? Details { get; } = details;

    public static SandboxApiException NotFound(SandboxResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedPlural} \"{name}\" not found", SandboxStatusDetails.For(resource, name));

    public static SandboxApiException AlreadyExists(SandboxResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedPlural} \"{name}\" already exists", SandboxStatusDetails.For(resource, name));

    public static SandboxApiException Conflict(SandboxResource resource, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {resource.QualifiedPlural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            SandboxStatusDetails.For(resource, name));

    /// <summary>What the API server's watch cache says when asked to resume from compacted history.</summary>
    public static SandboxApiException Expired(long requested, long oldestAvailable) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldestAvailable})");

    public static SandboxApiException BadRequest(string message) => new(400, "BadRequest", message);
}

public sealed record SandboxStatusDetails(string? Name, string? Group, string? Kind)
{
    internal static SandboxStatusDetails For(SandboxResource resource, string name) =>
        new(name, resource.Group.Length == 0 ? null : resource.Group, resource.Plural);
}
