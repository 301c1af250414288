using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlOpsDashboard.Core.Operations;

/// <summary>
/// Whether this process can run the failure-risk model: it needs libtorch (through TorchSharp),
/// which exists for linux-x64 only. On arm64 (the Mac control plane) the image ships without it
/// and the rest of the console runs; /readyz and the UI say so instead of failing later.
/// Probed once from the architecture and the native files in the app folder, without loading
/// libtorch (hundreds of MB) just to ask.
/// </summary>
public sealed record FailureRiskRuntime(bool Available, string Detail)
{
    public const string CheckName = "Failure-risk model runtime";

    public static FailureRiskRuntime Detect() =>
        Detect(RuntimeInformation.ProcessArchitecture, OperatingSystem.IsLinux(), AppContext.BaseDirectory);

    internal static FailureRiskRuntime Detect(Architecture architecture, bool linux, string appDirectory)
    {
        if (!linux || architecture != Architecture.X64)
        {
            return new(false, $"{(linux ? "linux" : RuntimeInformation.OSDescription)}-{architecture.ToString().ToLowerInvariant()}: libtorch has no build for this platform, so the failure-risk model is off here; build-time and test-selection predictions are unaffected. Model serving runs on the amd64 node.");
        }
        string[] candidates = [Path.Combine(appDirectory, "libtorch_cpu.so"), Path.Combine(appDirectory, "runtimes", "linux-x64", "native", "libtorch_cpu.so")];
        return candidates.FirstOrDefault(File.Exists) is { } found
            ? new(true, $"linux-x64 with libtorch ({Path.GetRelativePath(appDirectory, found)})")
            : new(false, "linux-x64, but libtorch_cpu.so is missing from the app folder: the failure-risk model is off. Publish with the libtorch-cpu-linux-x64 package.");
    }
}

/// <summary>Degraded, not unhealthy: the pod is ready and serves everything else.</summary>
internal sealed class FailureRiskRuntimeHealthCheck(FailureRiskRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(runtime.Available ? HealthCheckResult.Healthy(runtime.Detail) : HealthCheckResult.Degraded(runtime.Detail));
}

public static class FailureRiskRuntimeServiceCollectionExtensions
{
    /// <summary>The probe as a singleton (pages show its detail) and as a readiness detail on /readyz.</summary>
    public static IServiceCollection AddFailureRiskRuntime(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => FailureRiskRuntime.Detect());
        services.AddHealthChecks().AddCheck<FailureRiskRuntimeHealthCheck>(FailureRiskRuntime.CheckName, tags: [HealthTags.Ready]);
        return services;
    }
}
