namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

public sealed class SandboxKubernetesApiServerOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>What /version reports, as the platform's K3s server would.</summary>
    public string GitVersion { get; set; } = "v1.31.4+k3s1";

    /// <summary>The control plane's platform: the MacBook M2.</summary>
    public string Platform { get; set; } = "linux/arm64";

    /// <summary>How often a watch with allowWatchBookmarks=true gets a BOOKMARK (the API server's is about a minute).</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a watch without timeoutSeconds stays open (the API server's minimum request timeout).</summary>
    public TimeSpan DefaultWatchTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Largest PATCH/PUT body accepted.</summary>
    public int MaxRequestBodyBytes { get; set; } = 3 * 1024 * 1024;
}
