namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

public sealed class SandboxObjectStoreOptions
{
    /// <summary>Changes kept for watches to resume from; older resumes get 410 Expired.</summary>
    public int HistoryCapacity { get; set; } = 2_000;

    /// <summary>Undelivered events one watch may queue before it is dropped as unresponsive.</summary>
    public int WatchBufferLimit { get; set; } = 10_000;

    /// <summary>Log lines kept per container instance (current and previous each).</summary>
    public int LogLinesPerContainer { get; set; } = 5_000;
}
