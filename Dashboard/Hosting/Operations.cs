using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlOpsDashboard.Core.Operations;
using Prometheus;
using Scalar.AspNetCore;

namespace MlOpsDashboard.Dashboard.Hosting;

public static class Operations
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks();
        return services;
    }

    /// <summary>Middleware order matters: routing before metrics (route labels) and auth.</summary>
    public static WebApplication UseDashboardPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseHttpMetrics();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Probes and scrapes are anonymous: orchestrators and Prometheus carry no user.</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteReportAsync }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteReportAsync }).AllowAnonymous();
        app.MapMetrics("/metrics").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("MLOps Dashboard API")).AllowAnonymous();
        return app;
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
