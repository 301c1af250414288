using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Bench.Drift;

/// <summary>
/// Side by side in one run: KS + normed Wasserstein + PSI on 1M vs 1M values here and in scipy
/// (bench/Drift/drift_scipy.py, same values through float64 files), then the monitor's work on
/// 20 features × 1M served rows. Run: dotnet run -c Release --project bench -- drift-vs-scipy
/// </summary>
public static class DriftVsScipy
{
    private const int Size = 1_000_000;
    private const int Features = 20;

    public static int Run()
    {
        var reference = Normalish(1, Size, 0);
        var current = Normalish(2, Size, 0.0005);
        var folder = Directory.CreateTempSubdirectory("mlops-drift-bench-").FullName;
        try
        {
            Write(Path.Combine(folder, "reference.f64"), reference);
            Write(Path.Combine(folder, "current.f64"), current);

            var (ours, values) = BestOf(3, () => Three(reference, current));
            var scipy = RunScipy(folder);
            var scipySeconds = scipy["seconds"]!.GetValue<double>();
            Console.WriteLine($"1M vs 1M, KS + Wasserstein (normed) + PSI, best of 3 (scipy {scipy["scipy"]}):");
            Console.WriteLine($"  .NET  {ours:F3} s   scipy {scipySeconds:F3} s   speed-up {scipySeconds / ours:F1}x");
            Compare("KS statistic", values.D, scipy["ksStatistic"]!.GetValue<double>());
            Compare("KS p-value", values.P, scipy["ksPValue"]!.GetValue<double>());
            Compare("Wasserstein (normed)", values.W, scipy["wassersteinNormed"]!.GetValue<double>());
            Compare("PSI", values.Psi, scipy["psi"]!.GetValue<double>());

            var (featuresSeconds, cpuSeconds, drifted) = MonitorWork();
            Console.WriteLine($"{Features} features x 1M served rows vs 5,000-row profile samples (Evidently's choice: normed Wasserstein):");
            Console.WriteLine($"  .NET  {featuresSeconds:F2} s wall, {cpuSeconds:F2} s CPU ({drifted} drifted)   scipy, Wasserstein alone: {scipy["featuresSeconds"]!.GetValue<double>():F2} s");
            Console.WriteLine($"  machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (double D, double P, double W, double Psi) Three(double[] reference, double[] current)
    {
        // KS and Wasserstein share one sort of each sample; scipy sorts inside each call.
        var (a, b) = FastSort.SortedCopies(reference, current);
        var ks = KolmogorovSmirnov.TwoSampleSorted(a, b);
        var w = Wasserstein.NormedSorted(a, b, Wasserstein.StandardDeviation(reference));
        var psi = DistributionDistances.PopulationStabilityIndex(BinnedFrequencies.NumericFromReference(reference, current));
        return (ks.Statistic, ks.PValue, w, psi);
    }

    private static (double Seconds, double CpuSeconds, int Drifted) MonitorWork()
    {
        var columns = Enumerable.Range(0, Features).Select(f => TrainingColumn.Numeric($"f{f}", Normalish((ulong)(100 + f), 20_000, 0))).ToList();
        var profile = ReferenceProfileBuilder.Build("bench", "1", columns, DateTimeOffset.UnixEpoch);
        var numbers = Enumerable.Range(0, Features).ToDictionary(f => $"f{f}", f => Normalish((ulong)(200 + f), Size, f % 4 == 0 ? 0.5 : 0));
        var window = new ServedWindow(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), Size, numbers, new Dictionary<string, string[]>());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var results = DriftEvaluator.Evaluate(profile, window, 30);
        var elapsed = watch.Elapsed.TotalSeconds;
        return (elapsed, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, results.Count(r => r.Drift.Drifted));
    }

    private static void Compare(string name, double ours, double theirs) =>
        Console.WriteLine($"  {name,-22} .NET {ours.ToString("R", CultureInfo.InvariantCulture),-24} scipy {theirs.ToString("R", CultureInfo.InvariantCulture),-24} |diff| {Math.Abs(ours - theirs):E1}");

    private static (double Seconds, T Value) BestOf<T>(int runs, Func<T> action)
    {
        var best = double.MaxValue;
        T value = default!;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            value = action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return (best, value);
    }

    private static JsonNode RunScipy(string folder)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Drift", "drift_scipy.py");
        var start = new ProcessStartInfo("/usr/bin/python3", [script, folder, Features.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scipy side failed (apt-get install python3-scipy): {errors}");
        }
        return JsonNode.Parse(output)!;
    }

    private static void Write(string path, double[] values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Roughly normal values (mean of three uniforms), deterministic per seed.</summary>
    private static double[] Normalish(ulong seed, int count, double shift)
    {
        var random = new Random((int)seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (random.NextDouble() + random.NextDouble() + random.NextDouble()) / 3 + shift;
        }
        return values;
    }
}
