using System.Globalization;
using System.Text.Json.Nodes;
using k8s;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

// The write path: everything here except Prepare and Publish runs under _lock.
public sealed partial class SandboxObjectStore
{
    private SortedDictionary<string, JsonObject> Table(SandboxResource resource)
    {
        if (!_objects.TryGetValue(resource, out var table))
        {
            // Ordinal "namespace/name" keys list objects in the order etcd's key space does.
            table = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[resource] = table;
        }
        return table;
    }

    private static string Key(SandboxResource resource, string? @namespace, string name) =>
        resource.Namespaced ? $"{@namespace}/{name}" : name;

    private static string KeyOf(SandboxResource resource, JsonObject obj) =>
        Key(resource, SandboxObjectMetadata.NamespaceOf(obj), SandboxObjectMetadata.NameOf(obj));

    // A private copy with apiVersion/kind filled in and the namespace rules of the kind checked.
    private static JsonObject Prepare(SandboxResource resource, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy["apiVersion"] ??= resource.ApiVersion;
        copy["kind"] ??= resource.Kind;
        if (copy["apiVersion"]!.GetValue<string>() != resource.ApiVersion || copy["kind"]!.GetValue<string>() != resource.Kind)
        {
            throw SandboxApiException.BadRequest($"object is {copy["apiVersion"]}/{copy["kind"]}, not {resource.ApiVersion}/{resource.Kind}");
        }
        var metadata = SandboxObjectMetadata.MetadataOf(copy);
        if (string.IsNullOrEmpty(SandboxObjectMetadata.NameOf(copy)))
        {
            throw SandboxApiException.BadRequest("metadata.name: Required value: name is required");
        }
        if (resource.Namespaced && string.IsNullOrEmpty(SandboxObjectMetadata.NamespaceOf(copy)))
        {
            throw SandboxApiException.BadRequest("metadata.namespace: Required value: namespace is required for " + resource.QualifiedPlural);
        }
        if (!resource.Namespaced)
        {
            metadata.Remove("namespace");
        }
        return copy;
    }

    private JsonObject Existing(SandboxResource resource, string? @namespace, string name) =>
        Table(resource).GetValueOrDefault(Key(resource, @namespace, name)) ?? throw SandboxApiException.NotFound(resource, name);

    private static void CheckPrecondition(SandboxResource resource, JsonObject current, string? expectedResourceVersion)
    {
        if (!string.IsNullOrEmpty(expectedResourceVersion) && expectedResourceVersion != SandboxObjectMetadata.ResourceVersionTextOf(current))
        {
            throw SandboxApiException.Conflict(resource, SandboxObjectMetadata.NameOf(current));
        }
    }

    // Fields the server owns survive whatever the writer sent, as on a real API server.
    private static void KeepIdentity(SandboxResource resource, JsonObject current, JsonObject candidate)
    {
        candidate["apiVersion"] = resource.ApiVersion;
        candidate["kind"] = resource.Kind;
        var from = SandboxObjectMetadata.MetadataOf(current);
        var to = SandboxObjectMetadata.MetadataOf(candidate);
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "resourceVersion" })
        {
            to[field] = from[field]?.DeepClone();
            if (to[field] is null)
            {
                to.Remove(field);
            }
        }
    }

    // Null when the update changes nothing: the API server skips such writes, so no new
    // resourceVersion and no watch event.
    private StoredChange? CommitUpdate(SandboxResource resource, JsonObject current, JsonObject candidate)
    {
        KeepIdentity(resource, current, candidate);
        if (!SandboxObjectMetadata.DiffersIgnoringResourceVersion(current, candidate))
        {
            return null;
        }
        if (!JsonNode.DeepEquals(current["spec"], candidate["spec"]))
        {
            SandboxObjectMetadata.MetadataOf(candidate)["generation"] = SandboxObjectMetadata.GenerationOf(current) + 1;
        }
        return Commit(resource, WatchEventType.Modified, candidate, current);
    }

    private StoredChange Commit(SandboxResource resource, WatchEventType type, JsonObject obj, JsonObject? previous, bool store = true)
    {
        _resourceVersion++;
        SandboxObjectMetadata.MetadataOf(obj)["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        SandboxObjectMetadata.Materialize(obj);
        if (store)
        {
            Table(resource)[KeyOf(resource, obj)] = obj;
        }
        var change = new StoredChange(_resourceVersion, resource, type, obj, previous);
        _history.Add(change);
        for (var i = _watches.Count - 1; i >= 0; i--)
        {
            _watches[i].Offer(change, live: true);
            if (_watches[i].IsClosed)
            {
                _watches.RemoveAt(i);
            }
        }
        return change;
    }

    private JsonObject Publish(StoredChange change, SandboxChangeOrigin origin)
    {
        if (Changed is { } handlers)
        {
            handlers(this, new SandboxObjectChange(
                change.Type,
                change.Resource,
                (JsonObject)change.Object.DeepClone(),
                change.Previous?.DeepClone() as JsonObject,
                origin));
        }
        return (JsonObject)change.Object.DeepClone();
    }
}
