using System.Collections;
using System.Reflection;
using System.Text.Json;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

/// <summary>
/// After the strict deserializer stopped at the first unknown field or wrong type, walks the
/// whole document against the request type to name every such field in one answer. Runs only
/// on the error path, so reflection costs nothing on good requests.
/// </summary>
internal static class JsonShapeChecker
{
    public static void Check(JsonElement element, Type type, string path, FieldErrors errors)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (underlying == typeof(double) || underlying == typeof(int))
        {
            var named = element.ValueKind == JsonValueKind.String && element.GetString() is "NaN" or "Infinity" or "-Infinity";
            if (element.ValueKind != JsonValueKind.Number && !named)
            {
                errors.Add(Name(path), $"is {Describe(element)}; a number is required.");
            }
        }
        else if (underlying == typeof(bool))
        {
            if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(Name(path), $"is {Describe(element)}; true or false is required.");
            }
        }
        else if (underlying == typeof(string))
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                errors.Add(Name(path), $"is {Describe(element)}; a string is required.");
            }
        }
        else if (underlying.IsGenericType && typeof(IList).IsAssignableFrom(underlying))
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                errors.Add(Name(path), $"is {Describe(element)}; an array is required.");
                return;
            }
            var itemType = underlying.GetGenericArguments()[0];
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                Check(item, itemType, $"{path}[{index++}]", errors);
            }
        }
        else if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Name(path), $"is {Describe(element)}; a JSON object is required.");
        }
        else
        {
            var properties = underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.OrdinalIgnoreCase);
            foreach (var member in element.EnumerateObject())
            {
                var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                if (properties.TryGetValue(member.Name, out var property))
                {
                    Check(member.Value, property.PropertyType, memberPath, errors);
                }
                else
                {
                    errors.Add(memberPath, $"is not a known field; accepted fields: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}.");
                }
            }
        }
    }

    private static string Name(string path) => path.Length == 0 ? "body" : path;

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(element.GetString() ?? "")}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
