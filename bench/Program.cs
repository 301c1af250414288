using BenchmarkDotNet.Running;

// Benchmarks and side-by-side comparisons; results and the commands that produced them are in
// bench/README.md. Run: dotnet run -c Release --project bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
