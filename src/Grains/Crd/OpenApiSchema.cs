using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Actors.Contracts.Kafka.Schema;

namespace Actors.Grains.Crd;

/// <summary>
/// A structural OpenAPI v3 schema read off the C# contract types, so the CRD and the types can
/// never disagree: every property with a <see cref="JsonPropertyNameAttribute"/> becomes a field,
/// its C# type the schema type, its doc comment the description (<see cref="ContractDocumentation"/>),
/// and its DataAnnotations (<see cref="RangeAttribute"/>, <see cref="MaxLengthAttribute"/>,
/// <see cref="RegularExpressionAttribute"/>, <see cref="AllowedValuesAttribute"/>,
/// <see cref="RequiredAttribute"/>) plus <see cref="EachValueAttribute"/> and <see cref="ListMapAttribute"/>
/// the constraints the API server enforces. Fields are optional unless marked required: the
/// operator's validator reports a missing field with its path in the Ready condition, and
/// defaults are the operator's (described in each field), so what a user wrote stays visible.
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
        var required = new JsonArray();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } name) continue;
            properties[name.Name] = Field(property, depth);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null) required.Add(name.Name);
        }

        if (properties.Count == 0) throw new InvalidOperationException($"{type} has no [JsonPropertyName] properties to describe.");
        var schema = new JsonObject { ["type"] = "object" };
        if (ContractDocumentation.Of(type) is { } description) schema["description"] = description;
        schema["properties"] = properties;
        if (required.Count > 0) schema["required"] = required;
        return schema;
    }

    private static JsonObject Field(PropertyInfo property, int depth)
    {
        var schema = Of(property.PropertyType, depth + 1);
        // The field's own comment says more than its type's (which an object schema already carries).
        if (ContractDocumentation.Of(property) is { } description) schema["description"] = description;
        Constrain(schema, property);
        if (property.GetCustomAttribute<EachValueAttribute>() is { } each && schema["additionalProperties"] is JsonObject values)
        {
            if (each.Pattern is { } pattern) values["pattern"] = pattern;
            if (each.MaxLength > 0) values["maxLength"] = each.MaxLength;
        }

        if (property.GetCustomAttribute<ListMapAttribute>() is { } map)
        {
            schema["x-kubernetes-list-type"] = "map";
            schema["x-kubernetes-list-map-keys"] = new JsonArray(map.Key);
        }

        return schema;
    }

    private static void Constrain(JsonObject schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema["minimum"] = Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture);
            schema["maximum"] = Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture);
        }
        else if ((Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) == typeof(int))
        {
            // kube-apiserver drops `format: int32` before validating, so without bounds a
            // 2147483648 is stored, and the operator could not read the object back.
            schema["minimum"] = int.MinValue;
            schema["maximum"] = int.MaxValue;
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } length) schema["maxLength"] = length.Length;
        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern) schema["pattern"] = pattern.Pattern;
        if (property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
            schema["enum"] = new JsonArray(allowed.Values.Select(v => (JsonNode?)JsonValue.Create((string?)v)).ToArray());
    }
}
