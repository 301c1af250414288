using BenchmarkDotNet.Running;
using MlOpsDashboard.Bench.Predictors;

// Benchmarks and side-by-side comparisons; results and the commands that produced them are in
// bench/README.md. BenchmarkDotNet: dotnet run -c Release --project bench -- --filter '*'.
// Side-by-side runs that start the app or another tool take a verb of their own.
return args switch
{
    ["predictors", ..] => PredictorQualityBench.Run(args[1..]),
    ["drift-vs-scipy", ..] => MlOpsDashboard.Bench.Drift.DriftVsScipy.Run(),
    ["cluster-pages", ..] => await MlOpsDashboard.Bench.Cluster.ClusterPagesBenchmark.RunAsync(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(PredictorQualityBench).Assembly).Run(args);
    return 0;
}
