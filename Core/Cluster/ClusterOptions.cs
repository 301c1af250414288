using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Cluster;

public enum ClusterMode
{
    /// <summary>The built-in simulated K3s + Argo CD platform (the default): a living cluster with nothing installed.</summary>
    Sandbox,

    /// <summary>No cluster: cluster views say so and tell what to set.</summary>
    None,

    /// <summary>A real cluster through a kubeconfig, or the in-cluster service account.</summary>
    Kubernetes,
}

public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    public string Mode { get; set; } = nameof(ClusterMode.Sandbox);

    /// <summary>Empty: $KUBECONFIG or ~/.kube/config, or the in-cluster service account when running in a pod. The sandbox writes its own.</summary>
    public string Kubeconfig { get; set; } = "";

    /// <summary>Empty: the kubeconfig's current context.</summary>
    public string Context { get; set; } = "";

    /// <summary>The watchdog: a watch that sends nothing, not even a bookmark (about one a minute), this long is restarted.</summary>
    public double WatchIdleTimeoutSeconds { get; set; } = 150;

    public ClusterMode ModeKind => Enum.Parse<ClusterMode>(Mode, ignoreCase: true);

    /// <summary>Safe before validation (post-configure steps run first).</summary>
    public bool IsSandbox => string.Equals(Mode, nameof(ClusterMode.Sandbox), StringComparison.OrdinalIgnoreCase);
}

public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var errors = new OptionErrors(ClusterOptions.Section);
        errors.RequireOneOf("Mode", options.Mode, Enum.GetNames<ClusterMode>());
        errors.RequireRange("WatchIdleTimeoutSeconds", options.WatchIdleTimeoutSeconds, 1, 3600);
        var sandbox = string.Equals(options.Mode, nameof(ClusterMode.Sandbox), StringComparison.OrdinalIgnoreCase);
        if (!sandbox && options.Kubeconfig.Length > 0 && !File.Exists(options.Kubeconfig))
        {
            errors.Add("Kubeconfig", $"is '{options.Kubeconfig}', which does not exist; accepted values: a kubeconfig file path, or empty for the default.");
        }
        return errors.ToResult();
    }
}
