using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Delivery;

/// <summary>The manifests git repository that Argo CD syncs from; the single source of truth.</summary>
public sealed class ManifestsOptions
{
    public const string Section = "Manifests";

    /// <summary>A local path or an https:// URL. Empty: not configured.</summary>
    public string Repository { get; set; } = "";

    public string Branch { get; set; } = "main";

    /// <summary>Token for an HTTPS remote (sent as the password of basic auth, as GitHub accepts).</summary>
    public string Token { get; set; } = "";

    /// <summary>Folder of the repository holding the Argo CD Application manifests (their source paths are what is promoted and rolled back).</summary>
    public string ApplicationsPath { get; set; } = "deploy/argocd";

    /// <summary>Fetch-rebase-push attempts when someone else pushes at the same moment (3-5 sensible).</summary>
    public int PushAttempts { get; set; } = 4;

    /// <summary>Push a branch and open a GitHub pull request (GitHub:*) instead of pushing to <see cref="Branch"/>.</summary>
    public bool PullRequests { get; set; }

    public bool IsRemote => Repository.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || Repository.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}

public sealed class ManifestsOptionsValidator : IValidateOptions<ManifestsOptions>
{
    public ValidateOptionsResult Validate(string? name, ManifestsOptions options)
    {
        var errors = new OptionErrors(ManifestsOptions.Section);
        if (options.Repository.Contains("://", StringComparison.Ordinal) && !options.IsRemote)
        {
            errors.Add("Repository", $"is '{options.Repository}'; accepted values: a local path, or an http:// or https:// URL.");
        }
        if (string.IsNullOrWhiteSpace(options.Branch))
        {
            errors.Add("Branch", "is empty; accepted values: a branch name such as main.");
        }
        if (string.IsNullOrWhiteSpace(options.ApplicationsPath))
        {
            errors.Add("ApplicationsPath", "is empty; accepted values: the repository folder with the Argo CD Application manifests, e.g. deploy/argocd.");
        }
        errors.RequireRange("PushAttempts", options.PushAttempts, 1, 10);
        return errors.ToResult();
    }
}
