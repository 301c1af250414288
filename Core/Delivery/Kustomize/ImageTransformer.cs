using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// images: rewrites the image of every container and init container, wherever a "containers" or
/// "initContainers" list appears in an object (kustomize's legacy image filter), custom
/// resources included; CustomResourceDefinitions are left alone.
/// </summary>
internal static class ImageTransformer
{
    private static readonly string[] ContainerFields = ["containers", "initContainers"];

    public static void Apply(List<Resource> resources, ImageArgs image)
    {
        Regex matcher;
        try
        {
            // kustomize builds this regular expression from the name unescaped; so does this.
            matcher = new Regex("^" + image.Name + @"(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$", RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            return;
        }
        foreach (var r in resources.Where(r => r.Kind != "CustomResourceDefinition"))
        {
            Walk(r.Object, image, matcher);
        }
    }

    private static void Walk(JsonNode? node, ImageArgs image, Regex matcher)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    Walk(value, image, matcher);
                    if (ContainerFields.Contains(key) && value is JsonArray containers)
                    {
                        foreach (var container in containers.OfType<JsonObject>())
                        {
                            Update(container, image, matcher);
                        }
                    }
                }
                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    Walk(element, image, matcher);
                }
                break;
        }
    }

    private static void Update(JsonObject container, ImageArgs image, Regex matcher)
    {
        if (container["image"] is not JsonValue value || value.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return;
        }
        var current = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        if (!matcher.IsMatch(current))
        {
            return;
        }
        var (name, tag, digest) = Split(current);
        if (!string.IsNullOrEmpty(image.NewName))
        {
            name = image.NewName;
        }
        // A new tag or digest replaces both the old tag and the old digest.
        if (!string.IsNullOrEmpty(image.NewTag) || !string.IsNullOrEmpty(image.Digest))
        {
            tag = image.NewTag ?? "";
            digest = image.Digest ?? "";
        }
        var result = name;
        if (tag.Length > 0)
        {
            result += ":" + tag;
        }
        if (digest.Length > 0)
        {
            result += "@" + digest;
        }
        container["image"] = result;
    }

    /// <summary>kustomize's image.Split: [host[:port]/]path[:tag][@digest], the port not taken for a tag.</summary>
    public static (string Name, string Tag, string Digest) Split(string image)
    {
        var slash = image.IndexOf('/');
        var offset = slash > 0 ? slash : 0;
        var search = image[offset..];
        var at = search.IndexOf('@');
        var colon = search.IndexOf(':');
        if (colon < 0 && at < 0)
        {
            return (image, "", "");
        }
        if (at >= 0 && (at < colon || colon < 0))
        {
            return (image[..(at + offset)], "", image[(at + offset + 1)..]);
        }
        if (at >= 0)
        {
            return (image[..(colon + offset)], image[(colon + offset + 1)..(at + offset)], image[(at + offset + 1)..]);
        }
        return (image[..(colon + offset)], image[(colon + offset + 1)..], "");
    }
}
