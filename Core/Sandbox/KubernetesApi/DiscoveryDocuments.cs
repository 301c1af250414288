using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// /version and the legacy (non-aggregated) discovery documents. Served as plain application/json,
/// which makes kubectl fall back from aggregated discovery to these.
/// </summary>
internal static class DiscoveryDocuments
{
    private static readonly string[] Verbs = ["get", "list", "patch", "watch"];

    public static JsonObject Version(SandboxKubernetesApiServerOptions options)
    {
        // "v1.31.4+k3s1" → major 1, minor 31.
        var numbers = options.GitVersion.TrimStart('v').Split('.', '+', '-');
        return new JsonObject
        {
            ["major"] = numbers.ElementAtOrDefault(0) ?? "1",
            ["minor"] = numbers.ElementAtOrDefault(1) ?? "0",
            ["gitVersion"] = options.GitVersion,
            ["gitCommit"] = "sandbox",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2024-12-18T00:00:00Z",
            ["goVersion"] = "go1.22.9",
            ["compiler"] = "gc",
            ["platform"] = options.Platform,
        };
    }

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. Groups().Select(g => (JsonNode)GroupBody(g.Group, g.Versions))]),
    };

    public static JsonObject? Group(string group)
    {
        var found = Groups().FirstOrDefault(g => g.Group == group);
        if (found.Group is null)
        {
            return null;
        }
        var body = GroupBody(found.Group, found.Versions);
        body["kind"] = "APIGroup";
        body["apiVersion"] = "v1";
        return body;
    }

    public static JsonObject? ResourceList(string group, string version)
    {
        var resources = SandboxResources.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var resource in resources)
        {
            list.Add(Resource(resource));
            if (resource.Equals(SandboxResources.Pods))
            {
                list.Add(new JsonObject { ["name"] = "pods/log", ["singularName"] = "", ["namespaced"] = true, ["kind"] = "Pod", ["verbs"] = new JsonArray("get") });
            }
            if (resource.Equals(SandboxResources.Deployments))
            {
                list.Add(new JsonObject
                {
                    ["name"] = "deployments/scale",
                    ["singularName"] = "",
                    ["namespaced"] = true,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    private static JsonObject Resource(SandboxResource resource)
    {
        var json = new JsonObject
        {
            ["name"] = resource.Plural,
            ["singularName"] = resource.Singular,
            ["namespaced"] = resource.Namespaced,
            ["kind"] = resource.Kind,
            ["verbs"] = new JsonArray([.. Verbs.Select(v => (JsonNode)v)]),
        };
        if (resource.ShortNames is { Count: > 0 } shortNames)
        {
            json["shortNames"] = new JsonArray([.. shortNames.Select(s => (JsonNode)s)]);
        }
        if (resource.Equals(SandboxResources.Pods) || resource.Equals(SandboxResources.Deployments))
        {
            json["categories"] = new JsonArray("all");
        }
        return json;
    }

    private static IEnumerable<(string Group, string[] Versions)> Groups() =>
        SandboxResources.All.Where(r => r.Group.Length > 0)
            .GroupBy(r => r.Group)
            .Select(g => (g.Key, g.Select(r => r.Version).Distinct().ToArray()));

    private static JsonObject GroupBody(string group, string[] versions)
    {
        JsonObject VersionEntry(string v) => new() { ["groupVersion"] = $"{group}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)VersionEntry(v))]),
            ["preferredVersion"] = VersionEntry(versions[0]),
        };
    }
}
