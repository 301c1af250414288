namespace MlOpsDashboard.Core.Operations;

/// <summary>Tags that sort health checks into the endpoints and views that report them.</summary>
public static class HealthTags
{
    /// <summary>Must pass before /readyz lets traffic in.</summary>
    public const string Ready = "ready";

    /// <summary>An outside system shown on the Overview's Connections card.</summary>
    public const string Connection = "connection";
}
