using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Sandbox;

/// <summary>The simulated K3s + Argo CD platform used when Cluster:Mode is Sandbox.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>How often the simulated Argo CD polls the manifests repository (3 minutes in real life).</summary>
    public double PollIntervalSeconds { get; set; } = 10;

    /// <summary>One step of the simulated kubelets: pod start-up, restarts, logs, node usage.</summary>
    public double TickSeconds { get; set; } = 1;

    /// <summary>Argo CD waits this long before self-healing manual drift.</summary>
    public double SelfHealDelaySeconds { get; set; } = 5;

    /// <summary>The GitOps tree the sandbox repository is seeded from on first start. Empty: the deploy/ folder shipped with the app.</summary>
    public string SeedDirectory { get; set; } = "";

    public string ResolvedSeedDirectory => SeedDirectory.Length > 0 ? Path.GetFullPath(SeedDirectory) : Path.Combine(AppContext.BaseDirectory, "deploy");
}

public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var errors = new OptionErrors(SandboxOptions.Section);
        errors.RequireRange("PollIntervalSeconds", options.PollIntervalSeconds, 0.2, 3600);
        errors.RequireRange("TickSeconds", options.TickSeconds, 0.05, 60);
        errors.RequireRange("SelfHealDelaySeconds", options.SelfHealDelaySeconds, 0, 600);
        if (!Directory.Exists(Path.Combine(options.ResolvedSeedDirectory, "argocd")))
        {
            errors.Add("SeedDirectory", $"is '{options.ResolvedSeedDirectory}', which holds no argocd/ folder; accepted values: a GitOps tree like deploy/, or empty for the one shipped with the app.");
        }
        return errors.ToResult();
    }
}
