using System.Text;
using System.Text.Json;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// Writes a kubeconfig for the sandbox API (cluster with its CA, token user and context, all named "sandbox"),
/// readable by <c>kubectl --kubeconfig</c> and <c>KubernetesClientConfiguration.BuildConfigFromConfigFile</c>.
/// </summary>
public static class KubeconfigWriter
{
    public const string DefaultContext = "sandbox";

    public static string Render(SandboxKubernetesApiEndpoint endpoint, string context = DefaultContext)
    {
        // Double-quoted YAML scalars use JSON's escapes, so JSON string encoding quotes values safely.
        static string Q(string value) => JsonSerializer.Serialize(value);
        var server = endpoint.BaseAddress.GetLeftPart(UriPartial.Authority);
        return new StringBuilder()
            .Append("apiVersion: v1\n")
            .Append("kind: Config\n")
            .Append("clusters:\n")
            .Append("- name: ").Append(Q(context)).Append('\n')
            .Append("  cluster:\n")
            .Append("    server: ").Append(Q(server)).Append('\n')
            .Append("    certificate-authority-data: ").Append(Q(Convert.ToBase64String(Encoding.UTF8.GetBytes(endpoint.CertificateAuthorityPem)))).Append('\n')
            .Append("users:\n")
            .Append("- name: ").Append(Q(context)).Append('\n')
            .Append("  user:\n")
            .Append("    token: ").Append(Q(endpoint.Token)).Append('\n')
            .Append("contexts:\n")
            .Append("- name: ").Append(Q(context)).Append('\n')
            .Append("  context:\n")
            .Append("    cluster: ").Append(Q(context)).Append('\n')
            .Append("    user: ").Append(Q(context)).Append('\n')
            .Append("current-context: ").Append(Q(context)).Append('\n')
            .ToString();
    }

    /// <summary>Writes the file readable by the current user only, since it holds the token.</summary>
    public static void Write(string path, SandboxKubernetesApiEndpoint endpoint, string context = DefaultContext)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            writer.Write(Render(endpoint, context));
        }
        if (!OperatingSystem.IsWindows())
        {
            // An existing file keeps its mode on overwrite; tighten it too.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
