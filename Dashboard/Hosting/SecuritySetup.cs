using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Accounts;

namespace MlOpsDashboard.Dashboard.Hosting;

public static class SecuritySetup
{
    public const string LoginPath = "/account/login";

    /// <summary>
    /// Cookie sign-in for local accounts (OIDC on top when configured); one policy per role, named
    /// after it; and a fallback that makes every endpoint need at least viewer unless it says otherwise.
    /// </summary>
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = LoginPath;
                cookie.AccessDeniedPath = "/account/access-denied";
                cookie.Cookie.Name = "mlops.auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(Math.Clamp(auth.SessionHours, 0.25, 720));
                cookie.SlidingExpiration = true;
                cookie.Events.OnRedirectToLogin = context => AnswerApiOrRedirect(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => AnswerApiOrRedirect(context, StatusCodes.Status403Forbidden);
            });
        if (auth.Oidc.Enabled)
        {
            authentication.AddOpenIdConnect(oidc =>
            {
                oidc.Authority = auth.Oidc.Authority;
                oidc.ClientId = auth.Oidc.ClientId;
                oidc.ClientSecret = auth.Oidc.ClientSecret;
                oidc.ResponseType = "code";
                oidc.SaveTokens = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                oidc.TokenValidationParameters.NameClaimType = "preferred_username";
                oidc.Events.OnTokenValidated = context =>
                {
                    if (context.Principal?.Identity is ClaimsIdentity identity)
                    {
                        identity.AddClaim(new Claim(ClaimTypes.Role, OidcRole(identity, auth.Oidc)));
                    }
                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Viewer, p => p.RequireRole(Roles.AtLeast(Roles.Viewer)))
            .AddPolicy(Roles.Operator, p => p.RequireRole(Roles.AtLeast(Roles.Operator)))
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.AtLeast(Roles.Admin)))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireRole(Roles.AtLeast(Roles.Viewer)).Build());
        // Keys in the data directory: sign-ins survive restarts and upgrades.
        services.AddDataProtection().SetApplicationName("mlops-dashboard");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DataOptions>, ILoggerFactory>((keys, data, loggers) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(data.Value.ResolvedDirectory, "keys")), loggers));
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery();
        return services;
    }

    /// <summary>The highest dashboard role the identity provider's groups grant; viewer otherwise.</summary>
    internal static string OidcRole(ClaimsIdentity identity, OidcOptions oidc)
    {
        var values = identity.FindAll(oidc.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return values.Contains(oidc.AdminValue) ? Roles.Admin
            : values.Contains(oidc.OperatorValue) ? Roles.Operator
            : Roles.Viewer;
    }

    /// <summary>API callers get a status code with problem details, not a login page.</summary>
    private static async Task AnswerApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails =
                {
                    Status = status,
                    Title = status == StatusCodes.Status401Unauthorized ? "Authentication required" : "Forbidden",
                    Detail = status == StatusCodes.Status401Unauthorized
                        ? "Sign in, or send an API key or bearer token."
                        : "Your role does not allow this action.",
                },
            });
            return;
        }
        context.Response.Redirect(context.RedirectUri);
    }
}
