using BenchmarkDotNet.Running;
using MlOpsDashboard.Bench.Predictors;

// Benchmarks and side-by-side comparisons; results and the commands that produced them are in
// bench/README.md. Run: dotnet run -c Release --project bench -- --filter '*'
if (args is ["predictors", ..])
{
    return PredictorQualityBench.Run(args.Length > 1 ? args[1] : Path.Combine("..", "shared", "datasets"));
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
