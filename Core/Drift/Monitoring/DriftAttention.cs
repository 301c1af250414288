namespace MlOpsDashboard.Core.Drift.Monitoring;

/// <summary>Drift began on a model version: the first window with drifted features after one without.</summary>
public sealed record DriftStarted(string Model, string Version, DriftWindow Window, IReadOnlyList<string> DriftedFeatures, bool DatasetDrift);

/// <summary>
/// Receives drift starts; the Overview attention queue implements it (register with
/// <c>services.AddSingleton&lt;IDriftAttentionSink, ...&gt;()</c>; every registered sink is called).
/// </summary>
public interface IDriftAttentionSink
{
    Task DriftStartedAsync(DriftStarted started, CancellationToken cancellationToken);
}
