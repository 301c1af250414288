using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents;
using MlOpsDashboard.Core.Incidents.Alerts;

namespace MlOpsDashboard.Dashboard.Api;

/// <summary>
/// Alertmanager's webhook receiver (deploy/monitoring/alertmanager.yaml): a bearer token from
/// Incidents:WebhookToken, a size-limited version-4 body, idempotent on groupKey + fingerprint.
/// It stores and answers at once; analyses of newly firing alerts run in the background.
/// </summary>
public static class AlertsEndpoints
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public static WebApplication MapAlertsWebhook(this WebApplication app)
    {
        app.MapPost("/api/v1/alerts", ReceiveAsync)
            .AllowAnonymous()
            .WithTags("Alerts")
            .Accepts<AlertmanagerPayload>("application/json")
            .Produces<WebhookResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ReceiveAlerts")
            .WithSummary("Alertmanager webhook (version 4). Authorization: Bearer <Incidents:WebhookToken>. Redeliveries are idempotent; resolved alerts close their items.");
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, IOptions<IncidentsOptions> options, AlertIntake intake, AlertAnalysisQueue queue, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.WebhookToken.Length == 0)
        {
            return Results.Problem("The alert webhook is off: set Incidents:WebhookToken to the token Alertmanager sends.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Webhook not configured");
        }
        if (!Authorized(context.Request.Headers.Authorization.ToString(), settings.WebhookToken))
        {
            loggers.CreateLogger(nameof(AlertsEndpoints)).LogWarning("Alert webhook call without a valid bearer token from {Address}", context.Connection.RemoteIpAddress);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem("Send Authorization: Bearer <token>, the token configured in Incidents:WebhookToken.", statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required");
        }
        var (body, error) = await AnalysesEndpoints.ReadBoundedAsync(context, settings.MaxRequestBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        AlertmanagerPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<AlertmanagerPayload>(body!, PayloadJson);
        }
        catch (JsonException e)
        {
            return Results.Problem($"Not an Alertmanager payload: {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid payload");
        }
        var problems = payload?.Problems() ?? ["The body is null."];
        if (problems.Count > 0)
        {
            return Results.Problem(string.Join(" ", problems), statusCode: StatusCodes.Status400BadRequest, title: "Invalid payload",
                extensions: new Dictionary<string, object?> { ["errors"] = problems });
        }
        var result = await intake.ReceiveAsync(payload!, cancellationToken);
        if (settings.AnalyzeFiringAlerts)
        {
            foreach (var id in result.NewlyFiring)
            {
                queue.Enqueue(id);
            }
        }
        return Results.Ok(new WebhookResult(result.Received, result.NewlyFiring.Count, result.Resolved, result.Unchanged));
    }

    private static bool Authorized(string header, string token)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var sent = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(sent, expected);
    }

    public sealed record WebhookResult(int Received, int Firing, int Resolved, int Unchanged);
}
