using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MlOpsDashboard.Bench.Predictions;

/// <summary>
/// In process: the bench assembly's name differs from its project's, which BenchmarkDotNet's
/// generated child project cannot find; a short run keeps the 2-core machine usable.
/// </summary>
internal sealed class InProcessShortRun : ManualConfig
{
    public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
}
