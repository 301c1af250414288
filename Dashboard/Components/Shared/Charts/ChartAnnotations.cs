namespace MlOpsDashboard.Dashboard.Components.Shared.Charts;

/// <summary>A vertical line across the plot at <paramref name="X"/>, e.g. a deploy or promote commit on a time axis.</summary>
public sealed record ChartMarker(object X, string Label);

/// <summary>A horizontal dashed line at <paramref name="Y"/>, e.g. a drift threshold.</summary>
public sealed record ChartThreshold(double Y, string Label);
