namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// A kustomization the renderer cannot build: a broken file, a missing resource, or a field it
/// does not implement. <see cref="File"/> and <see cref="Field"/> say where, so a reviewer of a
/// GitOps change can find the line without running kustomize.
/// </summary>
public sealed class KustomizeException : Exception
{
    public KustomizeException(string message, string? file = null, string? field = null, Exception? inner = null)
        : base(Compose(message, file, field), inner)
    {
        File = file;
        Field = field;
    }

    /// <summary>Repository-relative path of the file at fault, when one is known.</summary>
    public string? File { get; }

    /// <summary>The kustomization field at fault (for example <c>patches[0].target</c>), when one is known.</summary>
    public string? Field { get; }

    private static string Compose(string message, string? file, string? field) => (file, field) switch
    {
        (null, null) => message,
        (null, _) => $"{field}: {message}",
        (_, null) => $"{file}: {message}",
        _ => $"{file}: {field}: {message}",
    };
}
