using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Sandbox.Platform;

namespace MlOpsDashboard.Dashboard.Api;

/// <summary>The Settings page's scenario buttons, for scripts and game days: list, trigger, clear.</summary>
public static class SandboxScenarioEndpoints
{
    public static WebApplication MapSandboxScenarioApi(this WebApplication app)
    {
        var scenarios = app.MapGroup("/api/v1/sandbox/scenarios").WithTags("Sandbox");
        scenarios.MapGet("/", (SandboxScenarios active) => SandboxScenarios.Catalog.Select(s => ToDto(s, active)))
            .RequireAuthorization(Roles.Viewer)
            .WithName("ListSandboxScenarios")
            .WithSummary("The incidents the sandbox can simulate, and which are active since when.");
        scenarios.MapPost("/{scenario}", (string scenario, SandboxScenarios active, IOptions<ClusterOptions> cluster) =>
                Change(scenario, cluster.Value, s => active.Trigger(s)))
            .RequireAuthorization(Roles.Operator)
            .WithName("TriggerSandboxScenario")
            .WithSummary("Injects a scenario (operator). Triggering an active scenario changes nothing.");
        scenarios.MapDelete("/{scenario}", (string scenario, SandboxScenarios active, IOptions<ClusterOptions> cluster) =>
                Change(scenario, cluster.Value, s => active.Clear(s)))
            .RequireAuthorization(Roles.Operator)
            .WithName("ClearSandboxScenario")
            .WithSummary("Clears a scenario (operator); the simulated platform then recovers by itself.");
        return app;
    }

    private static IResult Change(string name, ClusterOptions cluster, Action<SandboxScenario> change)
    {
        if (!cluster.IsSandbox)
        {
            return Results.Problem($"Scenarios exist only in the sandbox; Cluster:Mode is '{cluster.Mode}'.", statusCode: StatusCodes.Status409Conflict);
        }
        if (!Enum.TryParse<SandboxScenario>(name, ignoreCase: true, out var scenario) || !Enum.IsDefined(scenario))
        {
            var known = string.Join(", ", Enum.GetNames<SandboxScenario>());
            return Results.Problem($"Unknown scenario '{name}'; known scenarios: {known}.", statusCode: StatusCodes.Status404NotFound);
        }
        change(scenario);
        return Results.NoContent();
    }

    private static ScenarioDto ToDto(ScenarioDescription description, SandboxScenarios active) =>
        new(description.Scenario.ToString(), description.Title, description.Effect,
            active.Active.TryGetValue(description.Scenario, out var since) ? since : null);

    public sealed record ScenarioDto(string Name, string Title, string Effect, DateTimeOffset? ActiveSince);
}
