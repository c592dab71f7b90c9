using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Discovery;

/// <summary>
/// OpenAPI v3, per group/version, with the paths and operations kubectl looks for: each resource's
/// PATCH operation carries x-kubernetes-group-version-kind and the fieldValidation query parameter,
/// which tells kubectl the server validates fields itself. Custom resources carry their CRD schema.
/// </summary>
public sealed class OpenApiDocuments(ResourceCatalog catalog)
{
    public JsonObject Root()
    {
        var paths = new JsonObject();
        foreach (var gv in catalog.All.GroupBy(t => (t.Group, t.Version)))
        {
            var key = GroupVersionPath(gv.Key.Group, gv.Key.Version);
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(Document(gv.Key.Group, gv.Key.Version)!)}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    static string GroupVersionPath(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    /// <summary>The document for "api/v1" or "apis/{group}/{version}", or null when nothing is served there.</summary>
    public JsonObject? Document(string path)
    {
        var parts = path.Trim('/').Split('/');
        return parts switch
        {
            ["api", var v] => Document("", v),
            ["apis", var g, var v] => Document(g, v),
            _ => null,
        };
    }

    JsonObject? Document(string group, string version)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0) return null;
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var t in types)
        {
            var schemaName = $"{(group.Length == 0 ? "io.k8s.api.core" : string.Join('.', group.Split('.').Reverse()))}.{version}.{t.Kind}";
            var schema = t.Schema?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(t));
            schemas[schemaName] = schema;
            var prefix = "/" + GroupVersionPath(group, version) + (t.Namespaced ? "/namespaces/{namespace}" : "");
            paths[$"{prefix}/{t.Plural}"] = new JsonObject
            {
                ["get"] = Operation(t, "list", schemaName),
                ["post"] = Operation(t, "post", schemaName),
            };
            paths[$"{prefix}/{t.Plural}/{{name}}"] = new JsonObject
            {
                ["get"] = Operation(t, "get", schemaName),
                ["put"] = Operation(t, "put", schemaName),
                ["patch"] = Operation(t, "patch", schemaName),
                ["delete"] = Operation(t, "delete", schemaName),
            };
            if (t.HasStatus)
                paths[$"{prefix}/{t.Plural}/{{name}}/status"] = new JsonObject
                {
                    ["get"] = Operation(t, "get", schemaName),
                    ["put"] = Operation(t, "put", schemaName),
                    ["patch"] = Operation(t, "patch", schemaName),
                };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = DiscoveryDocuments.KubernetesVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    static JsonObject Gvk(ResourceType t) => new() { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };

    static JsonObject Operation(ResourceType t, string action, string schemaName)
    {
        var parameters = new JsonArray();
        if (action is "post" or "put" or "patch")
        {
            parameters.Add(Query("dryRun"));
            parameters.Add(Query("fieldManager"));
            parameters.Add(Query("fieldValidation"));
        }
        if (action == "patch") parameters.Add(Query("force", "boolean"));
        var reference = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" };
        var op = new JsonObject
        {
            ["operationId"] = $"{action}{t.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(t),
        };
        if (action == "patch")
        {
            // Built-in kinds also accept strategic merge patch; it is left out of the document on
            // purpose so kubectl computes such patches from its compiled-in types, not from this schema.
            var content = new JsonObject();
            foreach (var type in new[] { "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml" })
                content[type] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
            op["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        }
        else if (action is "post" or "put")
            op["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = reference.DeepClone() } }, ["required"] = true,
            };
        return op;
    }

    static JsonObject Query(string name, string type = "string") => new()
    {
        ["name"] = name, ["in"] = "query", ["description"] = name, ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    static string Hash(JsonObject doc) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(doc.ToJsonString())))[..32];
}
