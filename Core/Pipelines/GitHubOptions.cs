using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Pipelines;

public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    /// <summary>owner/name. Empty: not configured.</summary>
    public string Repository { get; set; } = "";

    public string Token { get; set; } = "";

    /// <summary>https://api.github.com/ or a GitHub Enterprise server's address.</summary>
    public string ApiUrl { get; set; } = "https://api.github.com/";

    /// <summary>The longest rate-limit wait (Retry-After) worth sitting through before reporting the limit instead.</summary>
    public int MaxRetryWaitSeconds { get; set; } = 30;

    /// <summary>How many of the newest runs the Pipelines page reads.</summary>
    public int RunLimit { get; set; } = 100;

    public (string Owner, string Name) OwnerAndName => Repository.Split('/') is [var owner, var repo] ? (owner, repo) : ("", "");
}

public sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        var errors = new OptionErrors(GitHubOptions.Section);
        if (options.Repository.Length > 0 && options.OwnerAndName.Owner.Length == 0)
        {
            errors.Add("Repository", $"is '{options.Repository}'; accepted values: owner/name, e.g. octo-org/mlops-platform.");
        }
        errors.RequireAbsoluteHttpUrl("ApiUrl", options.ApiUrl);
        errors.RequireRange("MaxRetryWaitSeconds", options.MaxRetryWaitSeconds, 0, 3600);
        errors.RequireRange("RunLimit", options.RunLimit, 1, 1000);
        return errors.ToResult();
    }
}
