using System.Diagnostics;
using Microsoft.Playwright;

namespace MlOpsDashboard.Bench.Cluster;

/// <summary>
/// The evidence behind the memory figure: for each page, a gcdump of this process (the dashboard
/// runs in it) with no tab open and another with <see cref="Circuits"/> idle circuits of that
/// page, taken with dotnet-gcdump. Printed per circuit: the growth of the heap (the report's exact
/// "GC Heap bytes") and the object counts that grew most per type (exact). The report's byte column
/// is one object's size per type, not the type's total, so sizes per type are not printed here; the
/// dumps stay in the printed folder for a tool that reads the whole graph (bench/README.md).
/// </summary>
internal sealed class CircuitHeapDumps(IBrowser browser, Uri baseAddress, CircuitCounter circuits)
{
    private const int Circuits = 20;

    private static readonly string[] Pages = [ClusterPagesBenchmark.BaselinePage, "/applications", "/cluster"];

    private readonly string _tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");

    public async Task RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("mlops-gcdump-").FullName;
        var signIn = await ClusterPagesBenchmark.SignInAsync(browser, baseAddress, ClusterPagesBenchmark.BaselinePage);
        var session = await signIn.Context.StorageStateAsync();
        await signIn.Context.CloseAsync();
        var tabs = new CircuitTabs(browser, baseAddress, circuits, session);
        // Warm-up, as in the memory measurement: JIT and the pools every page's first circuit fills once.
        foreach (var target in Pages)
        {
            await tabs.CloseAsync(target, await tabs.OpenAsync(target, 2));
        }
        Console.WriteLine($"Heap dumps with 0 and {Circuits} idle circuits per page in {folder} (load average {ClusterPagesBenchmark.LoadAverage()}):");
        foreach (var target in Pages)
        {
            var name = target.Trim('/').Replace('/', '-');
            var before = await DumpAsync(Path.Combine(folder, $"{name}-0.gcdump"));
            var open0 = circuits.Open;
            var pages = await tabs.OpenAsync(target, Circuits);
            await Task.Delay(2000);
            var open = circuits.Open - open0;
            var after = await DumpAsync(Path.Combine(folder, $"{name}-{Circuits}.gcdump"));
            await tabs.CloseAsync(target, pages);
            var growth = after.Types.Select(t => (t.Key, Count: t.Value - before.Types.GetValueOrDefault(t.Key))).ToList();
            Console.WriteLine($"  {target}: {open} circuits, heap grew {(after.HeapBytes - before.HeapBytes) / 1024.0 / open:0} KB per circuit; most grown object counts per circuit:");
            foreach (var (type, count) in growth.OrderByDescending(g => g.Count).Take(25))
            {
                Console.WriteLine($"    {count / (double)open,8:0.0}  {type}");
            }
        }
    }

    private async Task<(long HeapBytes, Dictionary<string, long> Types)> DumpAsync(string file)
    {
        await RunToolAsync($"collect -p {Environment.ProcessId} -o {file}");
        var report = await RunToolAsync($"report {file}");
        // "   124,899,323  GC Heap bytes", then lines "   1,304     5,048  Type.Name (Bytes > 1K)  [Assembly]"
        long heap = 0;
        var types = new Dictionary<string, long>();
        foreach (var line in report.Split('\n'))
        {
            var parts = line.Trim().Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[1] == "GC Heap bytes")
            {
                heap = long.Parse(parts[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (parts.Length >= 3 && long.TryParse(parts[1].Replace(",", "", StringComparison.Ordinal), out var count) && long.TryParse(parts[0].Replace(",", "", StringComparison.Ordinal), out _))
            {
                types[parts[2]] = types.GetValueOrDefault(parts[2]) + count;
            }
        }
        return (heap, types);
    }

    private async Task<string> RunToolAsync(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(_tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Could not start {_tool}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-gcdump {arguments} failed: {await error}");
        }
        return await output;
    }
}
