using System.Diagnostics;
using Microsoft.Playwright;

namespace MlOpsDashboard.Bench.Cluster;

/// <summary>
/// The evidence behind the memory figure: for each page, a gcdump of this process (the dashboard
/// runs in it) with no tab open and another with <see cref="Circuits"/> idle circuits of that
/// page, taken with dotnet-gcdump; the type statistics of the two are subtracted and the types
/// that grew most are printed per circuit. The dumps stay in the printed folder for a closer look.
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
            var growth = after.Select(t => (t.Key, Bytes: t.Value.Bytes - before.GetValueOrDefault(t.Key).Bytes, Count: t.Value.Count - before.GetValueOrDefault(t.Key).Count))
                .ToList();
            Console.WriteLine($"  {target}: {open} circuits, heap grew {growth.Sum(g => g.Bytes) / 1024.0 / open:0} KB per circuit; most grown types per circuit:");
            foreach (var (type, bytes, count) in growth.OrderByDescending(g => g.Bytes).Take(25))
            {
                Console.WriteLine($"    {bytes / 1024.0 / open,8:0.0} KB {count / (double)open,8:0.0} objects  {type}");
            }
        }
    }

    private async Task<Dictionary<string, (long Bytes, long Count)>> DumpAsync(string file)
    {
        await RunToolAsync($"collect -p {Environment.ProcessId} -o {file}");
        var report = await RunToolAsync($"report {file}");
        // Lines of the heap statistics: "   12,345,678  1,234  Type.Name (Bytes > 10K)  [Assembly]"
        var types = new Dictionary<string, (long, long)>();
        foreach (var line in report.Split('\n'))
        {
            var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && long.TryParse(parts[0].Replace(",", "", StringComparison.Ordinal), out var bytes)
                && long.TryParse(parts[1].Replace(",", "", StringComparison.Ordinal), out var count))
            {
                var type = parts[2].Split("  ", 2)[0].Trim();
                var (b, c) = types.GetValueOrDefault(type);
                types[type] = (b + bytes, c + count);
            }
        }
        return types;
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
