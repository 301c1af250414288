namespace MlOpsDashboard.Dashboard.Tests.Support;

/// <summary>A clock that stays where a test puts it.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
