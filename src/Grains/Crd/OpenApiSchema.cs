using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Actors.Grains.Crd;

/// <summary>
/// A structural OpenAPI v3 schema read off the C# contract types, so the CRD and the types can
/// never disagree: every property with a <see cref="JsonPropertyNameAttribute"/> becomes a field,
/// its C# type its schema type, its XML-doc-free description the property's name. Nullable
/// fields are optional; nothing is required here — the operator's validator reports missing
/// fields with their paths in the Ready condition, which is where users look.
/// </summary>
public static class OpenApiSchema
{
    public static JsonObject For(Type type) => Of(type, depth: 0);

    private static JsonObject Of(Type type, int depth)
    {
        if (depth > 12) throw new InvalidOperationException($"{type} nests too deep for a CRD schema.");
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return new JsonObject { ["type"] = "string" };
        if (type == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
        if (type == typeof(int)) return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        if (type == typeof(long)) return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        if (type == typeof(double)) return new JsonObject { ["type"] = "number" };

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Of(type.GetGenericArguments()[1], depth + 1) };
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            return new JsonObject { ["type"] = "array", ["items"] = Of(type.GetGenericArguments()[0], depth + 1) };

        var properties = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name)
                properties[name.Name] = Of(property.PropertyType, depth + 1);
        if (properties.Count == 0) throw new InvalidOperationException($"{type} has no [JsonPropertyName] properties to describe.");
        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }
}
