using System.Text.Json.Nodes;

namespace Actors.Emulator.Storage;

/// <summary>Turns a stored CustomResourceDefinition into the resource types it serves.</summary>
internal static class CustomResourceDefinitions
{
    public static IEnumerable<ResourceType> ServedTypes(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? new JsonObject();
        var names = spec["names"] as JsonObject ?? new JsonObject();
        var group = spec.Text("group") ?? "";
        var kind = names.Text("kind") ?? "";
        var plural = names.Text("plural") ?? kind.ToLowerInvariant() + "s";
        var singular = names.Text("singular") ?? kind.ToLowerInvariant();
        var namespaced = (spec.Text("scope") ?? "Namespaced") == "Namespaced";
        var shortNames = Strings(names["shortNames"]);
        var categories = Strings(names["categories"]);
        if (spec["versions"] is not JsonArray versions) yield break;
        foreach (var v in versions.OfType<JsonObject>())
        {
            if (v["served"] is JsonValue served && served.TryGetValue<bool>(out var s) && !s) continue;
            var hasStatus = v.At("subresources", "status") is JsonObject;
            yield return new ResourceType
            {
                Group = group, Version = v.Text("name") ?? "v1", Plural = plural, Singular = singular, Kind = kind,
                Namespaced = namespaced, ShortNames = shortNames, Categories = categories, HasStatus = hasStatus,
                IsCustom = true,
                Schema = v.At("schema", "openAPIV3Schema") as JsonObject,
                PrinterColumns = Columns(v["additionalPrinterColumns"] as JsonArray),
            };
        }
    }

    /// <summary>Status a real API server gives an accepted CRD: Established and NamesAccepted.</summary>
    public static void MarkEstablished(JsonObject crd, string now)
    {
        var names = crd.At("spec", "names")?.DeepClone() ?? new JsonObject();
        var status = crd.Child("status");
        status["acceptedNames"] = names;
        status["conditions"] = new JsonArray(
            Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
            Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now));
        var stored = new JsonArray();
        if (crd.At("spec", "versions") is JsonArray versions)
            foreach (var v in versions.OfType<JsonObject>())
                if (v["storage"] is JsonValue st && st.TryGetValue<bool>(out var isStorage) && isStorage)
                    stored.Add(v.Text("name"));
        status["storedVersions"] = stored;
    }

    static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = message,
    };

    static string[] Strings(JsonNode? n) =>
        n is JsonArray a ? a.Select(x => x?.GetValue<string>() ?? "").ToArray() : [];

    static PrinterColumn[] Columns(JsonArray? columns) =>
        columns is null
            ? []
            : columns.OfType<JsonObject>().Select(c => new PrinterColumn(
                c.Text("name") ?? "", c.Text("type") ?? "string", c.Text("jsonPath") ?? "",
                c.Text("format") ?? "", c.Text("description") ?? "", (int)(c.Number("priority") ?? 0))).ToArray();
}
