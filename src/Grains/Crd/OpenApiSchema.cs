using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using Actors.Contracts.Kafka.Schema;
using k8s.Models;

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
    public static V1JSONSchemaProps For(Type type) => Of(type, depth: 0);

    private static V1JSONSchemaProps Of(Type type, int depth)
    {
        if (depth > 12) throw new InvalidOperationException($"{type} nests too deep for a CRD schema.");
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return new V1JSONSchemaProps { Type = "string" };
        if (type == typeof(bool)) return new V1JSONSchemaProps { Type = "boolean" };
        if (type == typeof(int)) return new V1JSONSchemaProps { Type = "integer", Format = "int32" };
        if (type == typeof(long)) return new V1JSONSchemaProps { Type = "integer", Format = "int64" };
        if (type == typeof(double)) return new V1JSONSchemaProps { Type = "number" };

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = Of(type.GetGenericArguments()[1], depth + 1) };
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            return new V1JSONSchemaProps { Type = "array", Items = Of(type.GetGenericArguments()[0], depth + 1) };

        var properties = new Dictionary<string, V1JSONSchemaProps>();
        var required = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } name) continue;
            properties[name.Name] = Field(property, depth);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null) required.Add(name.Name);
        }

        if (properties.Count == 0) throw new InvalidOperationException($"{type} has no [JsonPropertyName] properties to describe.");
        return new V1JSONSchemaProps
        {
            Type = "object",
            Description = ContractDocumentation.Of(type),
            Properties = properties,
            Required = required.Count > 0 ? required : null,
        };
    }

    private static V1JSONSchemaProps Field(PropertyInfo property, int depth)
    {
        var schema = Of(property.PropertyType, depth + 1);
        // The field's own comment says more than its type's (which an object schema already carries).
        if (ContractDocumentation.Of(property) is { } description) schema.Description = description;
        Constrain(schema, property);
        if (property.GetCustomAttribute<EachValueAttribute>() is { } each && schema.AdditionalProperties is V1JSONSchemaProps values)
        {
            if (each.Pattern is { } pattern) values.Pattern = pattern;
            if (each.MaxLength > 0) values.MaxLength = each.MaxLength;
        }

        if (property.GetCustomAttribute<ListMapAttribute>() is { } map)
        {
            schema.XKubernetesListType = "map";
            schema.XKubernetesListMapKeys = [map.Key];
        }

        return schema;
    }

    private static void Constrain(V1JSONSchemaProps schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema.Minimum = Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture);
            schema.Maximum = Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture);
        }
        else if ((Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) == typeof(int))
        {
            // kube-apiserver drops `format: int32` before validating, so without bounds a
            // 2147483648 is stored, and the operator could not read the object back.
            schema.Minimum = int.MinValue;
            schema.Maximum = int.MaxValue;
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } length) schema.MaxLength = length.Length;
        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { } pattern) schema.Pattern = pattern.Pattern;
        if (property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
            schema.EnumProperty = [.. allowed.Values.Select(v => (object)(string)v!)];
    }
}
