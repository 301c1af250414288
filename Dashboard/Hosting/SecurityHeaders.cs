namespace MlOpsDashboard.Dashboard.Hosting;

/// <summary>
/// Log lines and LLM answers are untrusted text shown in pages: the CSP is the last line of
/// defence should anything slip past sanitizing. Blazor needs its websocket; MudBlazor sets
/// inline styles, so styles (not scripts) may be inline.
/// </summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // Scalar's reference page is a self-contained bundle with inline bootstrapping.
                if (!context.Request.Path.StartsWithSegments("/scalar"))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            await next();
        });
}
