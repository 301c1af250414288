using BenchmarkDotNet.Running;

// Benchmarks and side-by-side comparisons; results and the commands that produced them are in
// bench/README.md. Run: dotnet run -c Release --project bench -- --filter '*'
if (args is ["cluster-pages", ..])
{
    return await MlOpsDashboard.Bench.Cluster.ClusterPagesBenchmark.RunAsync();
}
BenchmarkSwitcher.FromAssembly(typeof(MlOpsDashboard.Bench.Cluster.ClusterPagesBenchmark).Assembly).Run(args);
return 0;
