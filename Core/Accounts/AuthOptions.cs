using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Accounts;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// The first admin's password. Empty: one is generated and printed once at first start.
    /// For unattended installs and tests; ignored once any account exists.
    /// </summary>
    public string AdminInitialPassword { get; set; } = "";

    public double SessionHours { get; set; } = 12;

    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>Single sign-on for real deployments; roles come from a claim's values.</summary>
public sealed class OidcOptions
{
    public bool Enabled { get; set; }
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string RoleClaim { get; set; } = "groups";
    public string AdminValue { get; set; } = "mlops-admins";
    public string OperatorValue { get; set; } = "mlops-operators";
}

public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public const int MinimumPasswordLength = 12;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new OptionErrors(AuthOptions.Section);
        if (options.AdminInitialPassword.Length is > 0 and < MinimumPasswordLength)
        {
            errors.Add("AdminInitialPassword", $"is too short; accepted values: empty (generate one) or at least {MinimumPasswordLength} characters.");
        }
        errors.RequireRange("SessionHours", options.SessionHours, 0.25, 720);
        if (options.Oidc.Enabled)
        {
            errors.RequireAbsoluteHttpUrl("Oidc:Authority", options.Oidc.Authority);
            if (string.IsNullOrWhiteSpace(options.Oidc.ClientId))
            {
                errors.Add("Oidc:ClientId", "is empty; accepted values: the client id registered with the identity provider.");
            }
            if (string.IsNullOrWhiteSpace(options.Oidc.RoleClaim))
            {
                errors.Add("Oidc:RoleClaim", "is empty; accepted values: the claim that carries group or role names, e.g. groups.");
            }
        }
        return errors.ToResult();
    }
}
