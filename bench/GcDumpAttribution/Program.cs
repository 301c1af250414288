using Graphs;

// What idle circuits hold, from two gcdumps of the same process (before: no circuit of the page;
// after: N idle circuits): the objects reachable from per-circuit anchors (components, the
// circuit's renderer and JS runtime, the SignalR and Kestrel connection) that the roots do not
// reach without passing through such an anchor. The sandbox, caches and singletons of the process
// change between two dumps too; they are reached from the roots, so they drop out, which the plain
// difference of the heaps (the bench's "heap grew" line) cannot do. A component's render buffers
// are labelled with the component's type.
// Usage: dotnet run --project bench/GcDumpAttribution -- before.gcdump after.gcdump circuits [rows]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: before.gcdump after.gcdump circuits [rows]");
    return 2;
}
var before = CircuitObjects.Load(args[0]);
var after = CircuitObjects.Load(args[1]);
var circuits = double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var rows = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 30;
Console.WriteLine($"circuit-only objects: {(after.Total - before.Total) / 1024.0 / circuits:0.0} KB per circuit");
Console.WriteLine("-- by type (KB and objects per circuit)");
foreach (var (type, bytes, count) in Grown(before.ByType, after.ByType).Take(rows))
{
    Console.WriteLine($"{bytes / 1024.0 / circuits,9:0.0} KB {count / circuits,9:0.0}  {type}");
}
Console.WriteLine("-- by owner: the nearest component (with its render buffers), or the circuit's renderer, JS runtime or connection");
foreach (var (owner, bytes, _) in Grown(before.ByOwner, after.ByOwner).Take(rows))
{
    Console.WriteLine($"{bytes / 1024.0 / circuits,9:0.0} KB  {owner}");
}
return 0;

static IEnumerable<(string Key, long Bytes, long Count)> Grown(Dictionary<string, (long Bytes, long Count)> before, Dictionary<string, (long Bytes, long Count)> after) =>
    after.Keys.Union(before.Keys)
        .Select(k => (k, after.GetValueOrDefault(k).Bytes - before.GetValueOrDefault(k).Bytes, after.GetValueOrDefault(k).Count - before.GetValueOrDefault(k).Count))
        .OrderByDescending(r => r.Item2);

internal sealed record CircuitObjects(long Total, Dictionary<string, (long Bytes, long Count)> ByType, Dictionary<string, (long Bytes, long Count)> ByOwner)
{
    private static readonly string[] AnchorPrefixes =
    [
        "MlOpsDashboard.Dashboard.Components.",
        "Microsoft.AspNetCore.Components.Server.Circuits.",
        "Microsoft.AspNetCore.Components.Rendering.ComponentState",
        "Microsoft.AspNetCore.SignalR.HubConnectionContext",
        "Microsoft.AspNetCore.Http.Connections.Internal.HttpConnectionContext",
        "Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http",
        "Microsoft.AspNetCore.Server.Kestrel.Core.Internal.KestrelConnection",
        "Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.Internal.SocketConnection",
    ];

    private static bool IsAnchor(string type) =>
        (type.StartsWith("MudBlazor.", StringComparison.Ordinal) && !type.StartsWith("MudBlazor.Utilities", StringComparison.Ordinal) && !type.StartsWith("MudBlazor.Services", StringComparison.Ordinal))
        || AnchorPrefixes.Any(p => type.StartsWith(p, StringComparison.Ordinal));

    private static bool IsComponentType(string type) =>
        (type.StartsWith("MudBlazor.", StringComparison.Ordinal) || type.StartsWith("MlOpsDashboard.", StringComparison.Ordinal) || type.StartsWith("Microsoft.AspNetCore.Components.", StringComparison.Ordinal))
        && !type.StartsWith("Microsoft.AspNetCore.Components.Server", StringComparison.Ordinal)
        && !type.StartsWith("Microsoft.AspNetCore.Components.Render", StringComparison.Ordinal)
        && !type.Contains("Renderer", StringComparison.Ordinal) && !type.Contains("RenderFragment", StringComparison.Ordinal)
        && !type.Contains("EventCallback", StringComparison.Ordinal) && !type.Contains("ParameterView", StringComparison.Ordinal)
        && !type.Contains("CascadingParameterState", StringComparison.Ordinal);

    public static CircuitObjects Load(string path)
    {
        var graph = new GCHeapDump(path).MemoryGraph;
        var count = (int)graph.NodeIndexLimit;
        var nodeStorage = graph.AllocNodeStorage();
        var typeStorage = graph.AllocTypeNodeStorage();
        var typeOf = new int[count];
        var size = new int[count];
        var firstEdge = new int[count + 1];
        var edges = new List<int>(count * 3);
        for (var i = 0; i < count; i++)
        {
            var node = graph.GetNode((NodeIndex)i, nodeStorage);
            (typeOf[i], size[i], firstEdge[i]) = ((int)node.TypeIndex, node.Size, edges.Count);
            for (var child = node.GetFirstChildIndex(); child != NodeIndex.Invalid; child = node.GetNextChildIndex())
            {
                edges.Add((int)child);
            }
        }
        firstEdge[count] = edges.Count;
        var names = new string[(int)graph.NodeTypeIndexLimit];
        var anchorType = new bool[names.Length];
        for (var t = 0; t < names.Length; t++)
        {
            names[t] = graph.GetType((NodeTypeIndex)t, typeStorage).Name;
            anchorType[t] = IsAnchor(names[t]);
        }

        // Everything the roots reach without entering an anchor is shared by the process.
        var shared = new bool[count];
        var queue = new Queue<int>();
        shared[(int)graph.RootIndex] = true;
        queue.Enqueue((int)graph.RootIndex);
        while (queue.TryDequeue(out var v))
        {
            for (var e = firstEdge[v]; e < firstEdge[v + 1]; e++)
            {
                if (!shared[edges[e]] && !anchorType[typeOf[edges[e]]])
                {
                    shared[edges[e]] = true;
                    queue.Enqueue(edges[e]);
                }
            }
        }

        // The rest that anchors reach belongs to circuits; each object to the nearest anchor (breadth first).
        var owner = new int[count];
        Array.Fill(owner, -1);
        for (var i = 0; i < count; i++)
        {
            if (anchorType[typeOf[i]] && !shared[i])
            {
                owner[i] = OwnerLabel(i);
                queue.Enqueue(i);
            }
        }
        while (queue.TryDequeue(out var v))
        {
            for (var e = firstEdge[v]; e < firstEdge[v + 1]; e++)
            {
                if (!shared[edges[e]] && owner[edges[e]] < 0)
                {
                    owner[edges[e]] = owner[v];
                    queue.Enqueue(edges[e]);
                }
            }
        }

        var byType = new Dictionary<string, (long, long)>();
        var byOwner = new Dictionary<string, (long, long)>();
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            if (owner[i] >= 0 && size[i] > 0)
            {
                Add(byType, names[typeOf[i]], size[i]);
                Add(byOwner, names[owner[i]], size[i]);
                total += size[i];
            }
        }
        return new CircuitObjects(total, byType, byOwner);

        // A component's state (which holds its two render buffers) is labelled with the component's type.
        int OwnerLabel(int anchor)
        {
            if (names[typeOf[anchor]].EndsWith("RemoteComponentState", StringComparison.Ordinal))
            {
                for (var e = firstEdge[anchor]; e < firstEdge[anchor + 1]; e++)
                {
                    if (IsComponentType(names[typeOf[edges[e]]]))
                    {
                        return typeOf[edges[e]];
                    }
                }
            }
            return typeOf[anchor];
        }
    }

    private static void Add(Dictionary<string, (long Bytes, long Count)> table, string key, int bytes)
    {
        var (b, c) = table.GetValueOrDefault(key);
        table[key] = (b + bytes, c + 1);
    }
}
