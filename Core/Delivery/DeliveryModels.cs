using System.Security.Claims;
using MlOpsDashboard.Core.Accounts;

namespace MlOpsDashboard.Core.Delivery;

/// <summary>The signed-in person an action is taken for.</summary>
public sealed record DeliveryUser(string Name, string Role)
{
    public static DeliveryUser From(ClaimsPrincipal principal) => new(
        principal.Identity?.Name ?? "unknown",
        Roles.All.LastOrDefault(principal.IsInRole) ?? Roles.Viewer);
}

/// <summary>One value a plan changes, as read on the plan's base revision.</summary>
public sealed record FieldChange(string Field, string? From, string To)
{
    public override string ToString() => $"{Field} {From ?? "(none)"} → {To}";
}

public enum DeliveryOutcome
{
    Committed,
    PullRequestOpened,
    NoChange,
    Conflict,
    Failed,
}

/// <summary>What came of a confirmed change, as the user should read it.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string Message)
{
    public string? CommitSha { get; init; }
    public string? PullRequestUrl { get; init; }
    public string? PullRequestState { get; init; }
    public string Diff { get; init; } = "";

    /// <summary>The revision the change landed on, when the branch moved since the preview.</summary>
    public string? ReplannedOn { get; init; }

    /// <summary>On a conflict: the commits since the preview that touched the same path, newest first.</summary>
    public IReadOnlyList<ManifestCommit> ChangedBy { get; init; } = [];

    public bool Succeeded => Outcome is DeliveryOutcome.Committed or DeliveryOutcome.PullRequestOpened or DeliveryOutcome.NoChange;
}

/// <summary>A request the user got wrong (unknown application, bad tag, missing reason): nothing was attempted.</summary>
public sealed class DeliveryRequestException(string message) : Exception(message);
