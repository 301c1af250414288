using System.Security.Claims;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Incidents;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Reports;

namespace MlOpsDashboard.Dashboard.Api;

public static class AnalysesEndpoints
{
    public static WebApplication MapAnalysesApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/analyses").WithTags("Analyses");
        group.MapPost("", AnalyzeAsync)
            .RequireAuthorization(Roles.Operator)
            .Accepts<CapturedIncident>("application/json")
            .Produces<StoredAnalysis>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("AnalyzeIncident")
            .WithSummary("Analyse a captured incident with the configured analyst and store the report.")
            .WithDescription("The body is a captured incident (schema: Core/Incidents/CapturedIncident.md): an optional alert with labels and annotations, "
                + "the pod with its phase and container statuses (state, reason, exit code, restarts, limits), events as text lines, logs (current and previous), "
                + "nodes, metrics, recent commits, extra observations, and drift or CI context. The answer holds ranked root causes with likelihood, evidence and "
                + "remediation, urgency P0-P2, application or infrastructure, and exactly what was sent after redaction.");
        group.MapGet("", ListAsync)
            .RequireAuthorization(Roles.Viewer)
            .WithName("ListAnalyses")
            .WithSummary("Stored analyses, newest first; filter by domain (Alert, Drift, Ci), urgency (P0-P2), analyst, or text.");
        group.MapGet("/{id:long}", GetAsync)
            .RequireAuthorization(Roles.Viewer)
            .Produces<StoredAnalysis>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetAnalysis")
            .WithSummary("One stored analysis with its full report.");
        group.MapPost("/{id:long}/github-issue", OpenIssueAsync)
            .RequireAuthorization(Roles.Operator)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .WithName("OpenGitHubIssueForAnalysis")
            .WithSummary("Open a GitHub issue with the report (GitHub:Repository). Nothing else is changed.");
        group.MapPost("/{id:long}/github-comment", CommentAsync)
            .RequireAuthorization(Roles.Operator)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("CommentAnalysisOnCommit")
            .WithSummary("Comment the report on a commit (the failing one), given as ?sha=.");
        RetrainEndpoints.MapRetrain(group, app);
        return app;
    }

    private static Task<IResult> OpenIssueAsync(long id, HttpContext context, AnalysisStore store, GitHubReportPublisher github, CancellationToken cancellationToken) =>
        PublishAsync(id, store, cancellationToken, analysis => github.OpenIssueAsync(analysis, context.User.FindFirstValue(ClaimTypes.Name) ?? "an operator"));

    private static Task<IResult> CommentAsync(long id, string? sha, HttpContext context, AnalysisStore store, GitHubReportPublisher github, CancellationToken cancellationToken) =>
        sha is null || !System.Text.RegularExpressions.Regex.IsMatch(sha, "^[0-9a-fA-F]{7,40}$")
            ? Task.FromResult(Results.Problem("sha must be a commit id (7 to 40 hexadecimal characters).", statusCode: StatusCodes.Status400BadRequest, title: "Invalid commit"))
            : PublishAsync(id, store, cancellationToken, analysis => github.CommentOnCommitAsync(analysis, sha, context.User.FindFirstValue(ClaimTypes.Name) ?? "an operator"));

    private static async Task<IResult> PublishAsync(long id, AnalysisStore store, CancellationToken cancellationToken, Func<StoredAnalysis, Task<string>> publish)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } analysis)
        {
            return Results.Problem($"No analysis {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        try
        {
            return Results.Ok(new PublishedDto(await publish(analysis)));
        }
        catch (GitHubNotConfiguredException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "GitHub not configured");
        }
        catch (Octokit.ApiException e)
        {
            return Results.Problem($"GitHub answered {(int)e.StatusCode}: {e.Message}", statusCode: StatusCodes.Status502BadGateway, title: "GitHub refused");
        }
    }

    private static async Task<IResult> AnalyzeAsync(HttpContext context, AnalysisService analyses, IOptions<IncidentsOptions> options, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadBoundedAsync(context, options.Value.MaxRequestBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        CapturedIncident incident;
        try
        {
            incident = IncidentJson.ReadIncident(body!);
        }
        catch (IncidentFormatException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid incident");
        }
        var stored = await analyses.AnalyzeAndStoreAsync(incident, "api", context.User.FindFirstValue(ClaimTypes.Name) ?? "", cancellationToken);
        return Results.Json(stored, IncidentJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(AnalysisStore store, string? domain, string? urgency, string? analyst, string? q, CancellationToken cancellationToken)
    {
        var records = await store.ListAsync(new AnalysisFilter(domain, urgency, analyst, q), cancellationToken);
        return Results.Json(records.Select(r => new AnalysisSummaryDto(r.Id, r.CreatedAt, r.Trigger, r.TriggerDetail, r.Domain, r.Application, r.Urgency, r.Scope, r.Analyst, r.Model, r.Fallback, r.Summary, r.TopCause)), IncidentJson.Options);
    }

    private static async Task<IResult> GetAsync(long id, AnalysisStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } stored
            ? Results.Json(stored, IncidentJson.Options)
            : Results.Problem($"No analysis {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>Reads at most <paramref name="maxBytes"/>; a larger body is refused with 413 before it is buffered whole.</summary>
    internal static async Task<(string? Body, IResult? Error)> ReadBoundedAsync(HttpContext context, int maxBytes, CancellationToken cancellationToken)
    {
        var tooLarge = Results.Problem($"The body is larger than {maxBytes} bytes (Incidents:MaxRequestBytes).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        if (context.Request.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, tooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return (null, Results.Problem("The body is empty; expected JSON.", statusCode: StatusCodes.Status400BadRequest, title: "Empty body"));
        }
        try
        {
            return (new System.Text.UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (null, Results.Problem("The body is not UTF-8 text.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid body"));
        }
    }

    public sealed record PublishedDto(string Url);

    public sealed record AnalysisSummaryDto(long Id, DateTimeOffset CreatedAt, string Trigger, string TriggerDetail, string Domain, string? Application,
        string Urgency, string Scope, string Analyst, string? Model, string? Fallback, string Summary, string TopCause);
}
