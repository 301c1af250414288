using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// Repairs references after renames (prefixes, suffixes, hash suffixes, namespaces), as
/// kustomize's name reference transformer does once at the end of a build: a Deployment's
/// envFrom configMapRef "app-config" becomes "app-config-7tk59bh8m2", a ClusterRoleBinding
/// subject gets its ServiceAccount's new name and namespace.
/// </summary>
internal static class NameReferences
{
    public static void Fix(List<Resource> resources)
    {
        foreach (var referrer in resources)
        {
            var originalGvk = referrer.OriginalId.Gvk;
            List<Resource>? reachable = null;
            foreach (var backReference in DefaultFieldSpecs.NameReferences)
            {
                foreach (var spec in backReference.Referrers.Where(s => s.AppliesTo(originalGvk)))
                {
                    reachable ??= Reachable(resources, referrer);
                    var context = new Context(referrer, backReference, spec, reachable);
                    spec.Visit(referrer.Object, CreateKind.None, context.Set);
                }
            }
        }
    }

    // kustomize's SubsetThatCouldBeReferencedByResource: cluster-scoped objects, objects in the
    // referrer's namespace, and for a RoleBinding the namespaces of its ServiceAccount subjects.
    private static List<Resource> Reachable(List<Resource> resources, Resource referrer)
    {
        var id = referrer.CurrentId;
        if (id.Gvk.IsClusterScoped)
        {
            return resources;
        }
        var subjectNamespaces = new HashSet<string>(StringComparer.Ordinal);
        if (referrer.Kind == "RoleBinding" && referrer.Object["subjects"] is JsonArray subjects)
        {
            foreach (var subject in subjects.OfType<JsonObject>())
            {
                if (subject["kind"]?.ToString() == "ServiceAccount" && subject["namespace"] is JsonValue ns)
                {
                    subjectNamespaces.Add(ns.ToString());
                }
            }
        }
        return resources.Where(r => r.CurrentId.Gvk.IsClusterScoped || r.CurrentId.IsNsEquals(id) || subjectNamespaces.Contains(r.Namespace)).ToList();
    }

    private sealed class Context(Resource referrer, NameBackReference target, FieldSpec spec, List<Resource> candidates)
    {
        public void Set(JsonObject parent, string key)
        {
            switch (parent[key])
            {
                case JsonValue value:
                    if (SelectReferral(value.ToString(), candidates, sameNamespaceToo: false) is { } scalarReferral
                        && scalarReferral.Name != value.ToString())
                    {
                        parent[key] = scalarReferral.Name;
                    }
                    break;
                case JsonObject map:
                    SetMapping(map);
                    break;
                case JsonArray list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is JsonObject element)
                        {
                            SetMapping(element);
                        }
                        else if (list[i] is JsonValue item && SelectReferral(item.ToString(), candidates, sameNamespaceToo: false) is { } itemReferral
                            && itemReferral.Name != item.ToString())
                        {
                            list[i] = itemReferral.Name;
                        }
                    }
                    break;
            }
        }

        // A {name, namespace} reference (RoleBinding subjects, webhook services): both may change.
        private void SetMapping(JsonObject map)
        {
            if (map["name"] is not JsonValue nameNode)
            {
                throw new KustomizeException($"{spec.Path} in {referrer} has no 'name' field");
            }
            var subset = candidates;
            if (map["namespace"] is JsonValue nsNode)
            {
                var ns = nsNode.ToString();
                var byOriginal = candidates.Where(r => !r.OriginalId.Gvk.IsClusterScoped && r.OriginalId.EffectiveNamespace == ns).ToList();
                subset = byOriginal.Count > 0
                    ? byOriginal
                    : candidates.Where(r => !r.CurrentId.Gvk.IsClusterScoped && r.CurrentId.EffectiveNamespace == ns).ToList();
            }
            var oldName = nameNode.ToString();
            if (SelectReferral(oldName, subset, sameNamespaceToo: true) is not { } referral
                || (referral.Name == oldName && referral.Namespace.Length == 0))
            {
                return;
            }
            map["name"] = referral.Name;
            if (referral.Namespace.Length > 0)
            {
                map["namespace"] = referral.Namespace;
            }
        }

        private Resource? SelectReferral(string oldName, List<Resource> pool, bool sameNamespaceToo)
        {
            var found = pool
                .Where(r => r.PreviousIds.Any(id => id.Name == oldName))
                .Where(r => r.PreviousIds.Any(id => id.Gvk.IsSelectedBy(target.Group, target.Version, target.Kind)))
                .Where(RoleRefAllows)
                .Where(InReferrerNamespace)
                .ToList();
            if (found.Count == 1)
            {
                return found[0];
            }
            found = found.Where(r => SameEnding(r.NamePrefixes, referrer.NamePrefixes) && SameEnding(r.NameSuffixes, referrer.NameSuffixes)).ToList();
            if (found.Count <= 1)
            {
                return found.FirstOrDefault();
            }
            if (found.All(r => r.Name == found[0].Name && (!sameNamespaceToo || r.Namespace == found[0].Namespace)))
            {
                return found[0];
            }
            throw new KustomizeException($"{referrer} refers to '{oldName}' ({spec.Path}), which matches several objects: {string.Join(", ", found)}");
        }

        // For roleRef/name the roleRef's apiGroup and kind must match too.
        private bool RoleRefAllows(Resource candidate)
        {
            if (!spec.Path.EndsWith("roleRef/name", StringComparison.Ordinal)
                || referrer.Object["roleRef"] is not JsonObject roleRef
                || roleRef["apiGroup"] is not JsonValue apiGroup || roleRef["kind"] is not JsonValue kind)
            {
                return true;
            }
            return candidate.PreviousIds.Any(id => id.Gvk.IsSelectedBy(apiGroup.ToString(), null, kind.ToString()));
        }

        private bool InReferrerNamespace(Resource candidate)
        {
            var id = referrer.CurrentId;
            return id.Gvk.IsClusterScoped || candidate.CurrentId.Gvk.IsClusterScoped
                || candidate.Kind == "ServiceAccount" || id.IsNsEquals(candidate.CurrentId);
        }

        private static bool SameEnding(List<string> a, List<string> b)
        {
            var (shortest, longest) = a.Count <= b.Count ? (a, b) : (b, a);
            var diff = longest.Count - shortest.Count;
            if (shortest.Count == 0)
            {
                return diff == 0;
            }
            for (var i = shortest.Count - 1; i >= 0; i--)
            {
                if (longest[i + diff] != shortest[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
