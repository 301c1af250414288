using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// kustomize's built-in transformers other than patches and images, each applied to every object
/// a kustomization holds (its resources, its bases' output and its generated objects).
/// </summary>
internal static class Transformers
{
    /// <summary>
    /// namespace: sets metadata.namespace on namespaced objects, renames Namespace objects to
    /// it, and fills the namespace of RoleBinding subjects named "default".
    /// </summary>
    public static void SetNamespace(List<Resource> resources, string ns, string file)
    {
        foreach (var r in resources)
        {
            if (r.Object.Count == 0)
            {
                continue;
            }
            r.StorePreviousId();
            var gvk = r.Gvk;
            if (!gvk.IsClusterScoped)
            {
                r.Metadata["namespace"] = ns;
            }
            if (gvk.Kind == "Namespace")
            {
                r.Metadata["name"] = ns;
            }
            if (gvk.Kind is "RoleBinding" or "ClusterRoleBinding" && r.Object["subjects"] is JsonArray subjects)
            {
                foreach (var subject in subjects.OfType<JsonObject>())
                {
                    if (subject["name"] is JsonValue name && name.ToString() == "default")
                    {
                        subject["namespace"] = ns;
                    }
                }
            }
            if (gvk.IsSelectedBy("apiregistration.k8s.io", null, "APIService"))
            {
                new FieldSpec(null, null, null, "spec/service/namespace", true).Visit(r.Object, CreateKind.Scalar, (o, k) => o[k] = ns);
            }
            if (gvk.IsSelectedBy("apiextensions.k8s.io", null, "CustomResourceDefinition"))
            {
                new FieldSpec(null, null, null, "spec/conversion/webhook/clientConfig/service/namespace", false)
                    .Visit(r.Object, CreateKind.Scalar, (o, k) => o[k] = ns);
            }
        }
        foreach (var r in resources)
        {
            if (resources.Count(other => other.CurrentId.Matches(r.CurrentId)) > 1)
            {
                throw new KustomizeException($"namespace transformation produces ID conflict: {r.CurrentId}", file, "namespace");
            }
        }
    }

    /// <summary>namePrefix / nameSuffix on metadata.name, except Namespaces, CustomResourceDefinitions and APIServices.</summary>
    public static void AddPrefixSuffix(List<Resource> resources, string prefix, string suffix)
    {
        foreach (var r in resources)
        {
            var original = r.OriginalId.Gvk;
            if (original.Kind is "Namespace" or "CustomResourceDefinition" || original.IsSelectedBy("apiregistration.k8s.io", null, "APIService"))
            {
                continue;
            }
            // Recorded even when empty: name references compare these lists to pick a referral.
            r.NamePrefixes.Add(prefix);
            r.NameSuffixes.Add(suffix);
            if (prefix.Length == 0 && suffix.Length == 0)
            {
                continue;
            }
            r.StorePreviousId();
            r.Name = prefix + r.Name + suffix;
        }
    }

    /// <summary>Sets <paramref name="values"/> as entries of the map fields <paramref name="specs"/> name (labels, annotations).</summary>
    public static void SetMapEntries(List<Resource> resources, IReadOnlyDictionary<string, string> values, IReadOnlyList<FieldSpec> specs)
    {
        if (values.Count == 0)
        {
            return;
        }
        foreach (var r in resources)
        {
            var gvk = r.Gvk;
            foreach (var spec in specs.Where(s => s.AppliesTo(gvk)))
            {
                spec.Visit(r.Object, CreateKind.Map, (parent, key) =>
                {
                    if (parent[key] is not JsonObject map)
                    {
                        throw new KustomizeException($"{spec.Path} in {r} is not a mapping");
                    }
                    foreach (var (name, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        map[name] = value;
                    }
                });
            }
        }
    }

    /// <summary>The field specs a <c>labels:</c> entry writes to.</summary>
    public static IReadOnlyList<FieldSpec> LabelSpecs(LabelArgs label) =>
        label.IncludeSelectors ? DefaultFieldSpecs.CommonLabels
        : label.IncludeTemplates ? DefaultFieldSpecs.TemplateLabels
        : [new FieldSpec(null, null, null, "metadata/labels", true)];

    /// <summary>replicas: sets spec.replicas on workloads whose current or earlier name matches.</summary>
    public static void SetReplicas(List<Resource> resources, ReplicaArgs replica, string file)
    {
        var found = false;
        foreach (var spec in DefaultFieldSpecs.Replicas)
        {
            foreach (var r in resources.Where(r => r.MatchesAnyId(id => id.Name == replica.Name && spec.AppliesTo(id.Gvk))))
            {
                found = true;
                spec.Visit(r.Object, CreateKind.Scalar, (parent, key) => parent[key] = replica.Count);
            }
        }
        if (!found)
        {
            throw new KustomizeException(
                $"resource with name {replica.Name} does not match a config with the following GVK [{string.Join(" ", DefaultFieldSpecs.Replicas.Select(s => s.Kind))}]",
                file, replica.Field);
        }
    }
}
