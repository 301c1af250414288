using Microsoft.Playwright;
using MlOpsDashboard.Core.Cluster;

namespace MlOpsDashboard.Bench.Cluster;

/// <summary>
/// Server memory per connected circuit, measured so that one run can be trusted: for each page,
/// <see cref="Circuits"/> tabs (each a browser context of its own carrying one signed-in session, so one circuit per
/// tab and no login circuits) are opened and left idle; the managed heap after forced, compacting full collections
/// before and after, divided by the circuits the server really counts, is the cost of one circuit
/// of that page. Tabs are closed and their circuits gone before the next page. Repeated
/// <see cref="Repetitions"/> times in turn; medians are reported, and the page without a list
/// (layout, navigation, one cluster subscription) is subtracted to give each page's own share.
/// </summary>
internal sealed class CircuitMemoryMeasurement(IBrowser browser, Uri baseAddress, CircuitCounter circuits, int applications)
{
    private const int Circuits = 20;
    private const int Repetitions = 3;

    private static readonly string[] Pages = [ClusterPagesBenchmark.BaselinePage, "/applications", "/cluster"];

    public async Task RunAsync(ClusterState state)
    {
        // Signed in once; every tab gets a browser context of its own with that session cookie.
        var signIn = await ClusterPagesBenchmark.SignInAsync(browser, baseAddress, ClusterPagesBenchmark.BaselinePage);
        var session = await signIn.Context.StorageStateAsync();
        await signIn.Context.CloseAsync();
        var tabs = new CircuitTabs(browser, baseAddress, circuits, session);
        // Warm-up: JIT, the shared application lists and pools that the first circuit of each page fills once for the process.
        foreach (var target in Pages)
        {
            await MeasureAsync(tabs, target, 2);
        }
        var perCircuit = Pages.ToDictionary(p => p, _ => new List<double>());
        for (var run = 0; run < Repetitions; run++)
        {
            foreach (var target in Pages)
            {
                perCircuit[target].Add(await MeasureAsync(tabs, target, Circuits));
            }
        }
        var baseline = Median(perCircuit[ClusterPagesBenchmark.BaselinePage]);
        Console.WriteLine($"Managed heap per idle circuit, {Circuits} circuits per page, {Repetitions} runs, full compacting GC before and after (load average {ClusterPagesBenchmark.LoadAverage()}, {state.SubscriberCount} cluster subscribers left):");
        foreach (var (target, values) in perCircuit)
        {
            var median = Median(values);
            var share = target == ClusterPagesBenchmark.BaselinePage ? "" : $"; the page's own share {median - baseline:0} KB";
            Console.WriteLine($"  {target,-36} median {median:0} KB (runs: {string.Join(", ", values.Select(v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}){share}");
        }
        Console.WriteLine($"  (Applications page: {applications} applications in the table view; Cluster page: both nodes with their pods)");
    }

    private async Task<double> MeasureAsync(CircuitTabs tabs, string target, int count)
    {
        var (before, open0) = (Heap(), circuits.Open);
        var pages = await tabs.OpenAsync(target, count);
        // Idle: whatever a circuit does after its first render (JS interop, timers) is done.
        await Task.Delay(2000);
        var (after, open1) = (Heap(), circuits.Open);
        await tabs.CloseAsync(target, pages);
        return (after - before) / 1024.0 / Math.Max(1, open1 - open0);
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
