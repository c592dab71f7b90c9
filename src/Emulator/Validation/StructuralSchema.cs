using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Validation;

/// <summary>
/// What kube-apiserver does with a CRD's structural schema on every write of a custom resource:
/// apply defaults, drop (or, with fieldValidation=Strict, reject) unknown fields, and validate
/// types, required fields, enums and bounds, reporting each problem with its field path.
/// </summary>
internal static class StructuralSchema
{
    static readonly HashSet<string> RootFields = ["apiVersion", "kind", "metadata"];

    public static void ApplyDefaults(JsonObject obj, JsonObject schema) => Default(obj, schema, root: true);

    static void Default(JsonNode? node, JsonObject schema, bool root = false)
    {
        if (node is JsonObject o)
        {
            if (schema["properties"] is JsonObject props)
                foreach (var (name, propSchemaNode) in props)
                {
                    if (propSchemaNode is not JsonObject propSchema || (root && name == "metadata")) continue;
                    if (!o.ContainsKey(name) && propSchema["default"] is { } d) o[name] = d.DeepClone();
                    if (o[name] is { } child) Default(child, propSchema);
                }
            if (schema["additionalProperties"] is JsonObject extra)
                foreach (var (_, child) in o.ToList()) Default(child, extra);
        }
        else if (node is JsonArray a && schema["items"] is JsonObject items)
            foreach (var item in a) Default(item, items);
    }

    /// <summary>Removes fields the schema does not know; returns their paths.</summary>
    public static List<string> Prune(JsonObject obj, JsonObject schema)
    {
        var unknown = new List<string>();
        Prune(obj, schema, "", unknown, root: true);
        return unknown;
    }

    static void Prune(JsonNode? node, JsonObject schema, string path, List<string> unknown, bool root = false)
    {
        if (Preserves(schema)) return;
        if (node is JsonObject o)
        {
            var props = schema["properties"] as JsonObject;
            var extra = schema["additionalProperties"];
            foreach (var (name, child) in o.ToList())
            {
                var childPath = Join(path, name);
                if (root && RootFields.Contains(name)) continue;
                if (props?[name] is JsonObject ps) Prune(child, ps, childPath, unknown);
                else if (extra is JsonObject es) Prune(child, es, childPath, unknown);
                else if (extra is JsonValue ev && ev.TryGetValue<bool>(out var allowed) && allowed) { }
                else { unknown.Add(childPath); o.Remove(name); }
            }
        }
        else if (node is JsonArray a && schema["items"] is JsonObject items)
            for (var i = 0; i < a.Count; i++) Prune(a[i], items, $"{path}[{i}]", unknown);
    }

    static bool Preserves(JsonObject s) =>
        s["x-kubernetes-preserve-unknown-fields"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static List<StatusCause> Validate(JsonObject obj, JsonObject schema)
    {
        var causes = new List<StatusCause>();
        Check(obj, schema, "", causes, root: true);
        return causes;
    }

    static void Check(JsonNode? node, JsonObject schema, string path, List<StatusCause> causes, bool root = false)
    {
        if (node is null)
        {
            if (!(schema["nullable"] is JsonValue nv && nv.TryGetValue<bool>(out var nullable) && nullable) && schema["type"] is not null)
                causes.Add(new("FieldValueTypeInvalid", $"Invalid value: \"null\": {path} in body must be of type {schema.Text("type")}: \"null\"", path));
            return;
        }
        var type = schema.Text("type");
        var intOrString = schema["x-kubernetes-int-or-string"] is JsonValue ios && ios.TryGetValue<bool>(out var isIos) && isIos;
        var actual = TypeOf(node);
        if (intOrString)
        {
            if (actual is not ("integer" or "string"))
                causes.Add(new("FieldValueTypeInvalid", $"Invalid value: \"{actual}\": {path} in body must be of type integer or string: \"{actual}\"", path));
        }
        else if (type is not null && !(type == actual || (type == "number" && actual == "integer")))
        {
            causes.Add(new("FieldValueTypeInvalid", $"Invalid value: \"{actual}\": {path} in body must be of type {type}: \"{actual}\"", path));
            return;
        }
        if (schema["enum"] is JsonArray options && !options.Any(e => JsonNode.DeepEquals(e, node)))
            causes.Add(new("FieldValueNotSupported",
                $"Unsupported value: {node.ToJsonString()}: supported values: {string.Join(", ", options.Select(e => e?.ToJsonString()))}", path));
        switch (node)
        {
            case JsonObject o:
                if (schema["required"] is JsonArray required)
                    foreach (var r in required.Select(x => x?.GetValue<string>()).OfType<string>())
                        if (!o.ContainsKey(r)) causes.Add(new("FieldValueRequired", "Required value", Join(path, r)));
                if (schema.Number("maxProperties") is { } maxProps && o.Count > maxProps)
                    causes.Add(new("FieldValueTooMany", $"Too many: {o.Count}: must have at most {maxProps} items", path));
                if (schema.Number("minProperties") is { } minProps && o.Count < minProps)
                    causes.Add(new("FieldValueInvalid", $"Invalid value: {o.Count}: {path} in body should have at least {minProps} properties", path));
                var props = schema["properties"] as JsonObject;
                foreach (var (name, child) in o)
                {
                    if (root && RootFields.Contains(name)) continue;
                    if (props?[name] is JsonObject ps) Check(child, ps, Join(path, name), causes);
                    else if (schema["additionalProperties"] is JsonObject es) Check(child, es, Join(path, name), causes);
                }
                break;
            case JsonArray a:
                if (schema.Number("minItems") is { } minItems && a.Count < minItems)
                    causes.Add(new("FieldValueInvalid", $"Invalid value: {a.Count}: {path} in body should have at least {minItems} items", path));
                if (schema.Number("maxItems") is { } maxItems && a.Count > maxItems)
                    causes.Add(new("FieldValueTooMany", $"Too many: {a.Count}: must have at most {maxItems} items", path));
                if (schema["items"] is JsonObject items)
                    for (var i = 0; i < a.Count; i++) Check(a[i], items, $"{path}[{i}]", causes);
                break;
            case JsonValue v when actual is "integer" or "number":
                CheckBounds(v, schema, path, causes);
                break;
            case JsonValue v when actual == "string":
                var s = v.GetValue<string>();
                var runes = s.EnumerateRunes().Count(); // like Go, lengths count characters, not UTF-16 units
                if (schema.Number("minLength") is { } minLen && runes < minLen)
                    causes.Add(new("FieldValueInvalid", $"Invalid value: {Quote(s)}: {path} in body should be at least {minLen} chars long", path));
                if (schema.Number("maxLength") is { } maxLen && runes > maxLen)
                    causes.Add(new("FieldValueTooLong", $"Too long: may not be more than {maxLen} bytes", path));
                if (schema.Text("pattern") is { } pattern && !GoRegex.IsMatch(s, pattern))
                    causes.Add(new("FieldValueInvalid", $"Invalid value: {Quote(s)}: {path} in body should match '{pattern}'", path));
                break;
        }
    }

    /// <summary>
    /// minimum/maximum with their exclusive flags. <c>format</c> (int32, int64) sets no bound:
    /// kube-apiserver strips formats it does not validate (int32 and int64 among them) from CRD schemas.
    /// </summary>
    static void CheckBounds(JsonValue v, JsonObject schema, string path, List<StatusCause> causes)
    {
        var number = ToDouble(v);
        var value = v.ToJsonString();
        if (schema["minimum"] is JsonValue min)
        {
            var exclusive = Flag(schema, "exclusiveMinimum");
            if (exclusive ? number <= ToDouble(min) : number < ToDouble(min))
                causes.Add(new("FieldValueInvalid",
                    $"Invalid value: {value}: {path} in body should be greater than {(exclusive ? "" : "or equal to ")}{Bound(min)}", path));
        }
        if (schema["maximum"] is JsonValue max)
        {
            var exclusive = Flag(schema, "exclusiveMaximum");
            if (exclusive ? number >= ToDouble(max) : number > ToDouble(max))
                causes.Add(new("FieldValueInvalid",
                    $"Invalid value: {value}: {path} in body should be less than {(exclusive ? "" : "or equal to ")}{Bound(max)}", path));
        }
    }

    static bool Flag(JsonObject schema, string name) => schema[name] is JsonValue f && f.TryGetValue<bool>(out var b) && b;

    static string Bound(JsonValue bound)
    {
        var d = ToDouble(bound);
        return Math.Abs(d % 1) < double.Epsilon && Math.Abs(d) < 9.2e18 ? ((long)d).ToString(CultureInfo.InvariantCulture) : Format(d);
    }

    static string Quote(string s) => JsonValue.Create(s).ToJsonString(Json.Compact);

    static double ToDouble(JsonValue v) =>
        v.TryGetValue<double>(out var d) ? d : v.TryGetValue<long>(out var l) ? l : v.TryGetValue<int>(out var i) ? i
        : double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);

    static string Format(double d) => d.ToString(CultureInfo.InvariantCulture);

    static string TypeOf(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    /// <summary>As the API server decodes JSON: int64 when it fits, else a float64 that counts as an integer only while exact (|d| ≤ 2^53).</summary>
    static bool IsInteger(JsonValue v) =>
        v.TryGetValue<long>(out _) || v.TryGetValue<int>(out _) ||
        (v.TryGetValue<double>(out var d) && Math.Abs(d % 1) < double.Epsilon && Math.Abs(d) <= 9007199254740992d);

    static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
