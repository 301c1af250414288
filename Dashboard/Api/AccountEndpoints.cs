using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Dashboard.Hosting;

namespace MlOpsDashboard.Dashboard.Api;

/// <summary>
/// Sign-in and sign-out are plain form posts: a cookie can only be set on an HTTP response, never
/// from an interactive circuit.
/// </summary>
public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/login", LoginAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/account/logout", LogoutAsync).ExcludeFromDescription();
        app.MapGet("/account/sso", (string? returnUrl, IOptions<AuthOptions> auth) => auth.Value.Oidc.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme])
                : Results.Problem("Single sign-on is not configured (Auth:Oidc:Enabled).", statusCode: StatusCodes.Status404NotFound))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        AccountService accounts, HttpContext context, ILoggerFactory loggers)
    {
        var target = SafeReturnUrl(returnUrl);
        var account = string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password)
            ? null
            : await accounts.SignInAsync(userName, password, context.RequestAborted);
        if (account is null)
        {
            loggers.CreateLogger(nameof(AccountEndpoints)).LogWarning("Failed sign-in for {UserName} from {Address}", userName, context.Connection.RemoteIpAddress);
            return Results.Redirect($"{SecuritySetup.LoginPath}?error=1&returnUrl={Uri.EscapeDataString(target)}");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account.UserName), new Claim(ClaimTypes.Role, account.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(target);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, ILoggerFactory loggers)
    {
        loggers.CreateLogger(nameof(AccountEndpoints)).LogInformation("{UserName} signed out", context.User.Identity?.Name);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(SecuritySetup.LoginPath);
    }

    /// <summary>Only local paths: an open redirect after login is a phishing tool.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
