using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// Converts k8s.Models objects (V1Pod, V1Node, V1Namespace, Corev1Event, V1Deployment ...) to and
/// from the JSON the store keeps, through <see cref="KubernetesJson"/> so the wire format is the client's own.
/// </summary>
public static class SandboxObjects
{
    /// <summary>Serializes a typed object, filling in apiVersion and kind from its model type when unset.</summary>
    public static JsonObject ToJsonObject<T>(T obj) where T : IKubernetesObject
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(obj)) as JsonObject
            ?? throw new ArgumentException("the object did not serialize to a JSON object", nameof(obj));
        if (typeof(T).GetCustomAttribute<KubernetesEntityAttribute>() is { } entity)
        {
            json["apiVersion"] ??= entity.Group.Length == 0 ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
            json["kind"] ??= entity.Kind;
        }
        return json;
    }

    // Read straight from the node, without a string in between: the simulator reads every pod this way on each step.
    public static T FromJsonObject<T>(JsonObject json) =>
        json.Deserialize<T>(KubernetesOptions.Value) ?? throw new ArgumentException("the object deserialized to null", nameof(json));

    // KubernetesJson's own options (its converters for quantities, dates and int-or-string).
    private static readonly Lazy<JsonSerializerOptions> KubernetesOptions = new(() =>
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesJson gave no serializer options");
    });

    /// <summary>The sandbox resource a model type is served as, e.g. V1Pod → pods.</summary>
    public static SandboxResource ResourceFor<T>() where T : IKubernetesObject
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{typeof(T).Name} has no KubernetesEntity attribute");
        var apiVersion = entity.Group.Length == 0 ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
        return SandboxResources.FindByKind(apiVersion, entity.Kind)
            ?? throw new ArgumentException($"the sandbox does not serve {apiVersion} {entity.Kind}");
    }
}

/// <summary>Typed conveniences over the JSON store for the built-in kinds.</summary>
public static class SandboxObjectStoreTypedExtensions
{
    public static T Create<T>(this SandboxObjectStore store, T obj, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
        where T : IKubernetesObject<V1ObjectMeta> =>
        SandboxObjects.FromJsonObject<T>(store.Create(SandboxObjects.ResourceFor<T>(), SandboxObjects.ToJsonObject(obj), origin));

    public static T Upsert<T>(this SandboxObjectStore store, T obj, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
        where T : IKubernetesObject<V1ObjectMeta> =>
        SandboxObjects.FromJsonObject<T>(store.Upsert(SandboxObjects.ResourceFor<T>(), SandboxObjects.ToJsonObject(obj), origin));

    public static T Replace<T>(this SandboxObjectStore store, T obj, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
        where T : IKubernetesObject<V1ObjectMeta> =>
        SandboxObjects.FromJsonObject<T>(store.Replace(SandboxObjects.ResourceFor<T>(), SandboxObjects.ToJsonObject(obj), origin));

    /// <param name="namespace">Null for cluster-scoped kinds (V1Node, V1Namespace).</param>
    public static T? Get<T>(this SandboxObjectStore store, string? @namespace, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        store.Get(SandboxObjects.ResourceFor<T>(), @namespace, name) is { } json ? SandboxObjects.FromJsonObject<T>(json) : null;

    public static IReadOnlyList<T> List<T>(this SandboxObjectStore store, string? @namespace = null, string? labelSelector = null, string? fieldSelector = null)
        where T : IKubernetesObject<V1ObjectMeta> =>
        // The store's own objects, read without copying them first: they are never mutated once committed.
        [.. store.ListShared(SandboxObjects.ResourceFor<T>(), @namespace, LabelSelector.Parse(labelSelector), FieldSelector.Parse(fieldSelector)).Items.Select(SandboxObjects.FromJsonObject<T>)];
}
