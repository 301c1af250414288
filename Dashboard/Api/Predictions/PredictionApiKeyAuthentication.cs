using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

/// <summary>
/// Machine clients of the prediction API send <c>X-Api-Key: key</c> or
/// <c>Authorization: Bearer key</c>. A key grants predictions only, never a dashboard role.
/// </summary>
public sealed class PredictionApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PredictionApiKeys keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PredictionApiKey";
    public const string ClientClaim = "mlops:prediction-client";
    public const string Policy = "PredictionClient";
    private const string HeaderName = "X-Api-Key";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (keys.Match(presented) is not { } caller)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key or bearer token is not valid."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, caller), new Claim(ClientClaim, "true")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>Headers only: the cookie scheme, challenged after this one, writes the problem details body.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!Response.HasStarted)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = Presented(Request) is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        }
        return Task.CompletedTask;
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.ToString() is { Length: > 0 } key)
        {
            return key.Trim();
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..].Trim() : null;
    }

    /// <summary>Signed-in users of any role, or a client with a valid key.</summary>
    public static AuthorizationPolicy BuildPolicy() => new AuthorizationPolicyBuilder(SchemeName, CookieAuthenticationDefaults.AuthenticationScheme)
        .RequireAssertion(context => context.User.HasClaim(ClientClaim, "true")
            || Roles.AtLeast(Roles.Viewer).Any(context.User.IsInRole))
        .Build();
}
