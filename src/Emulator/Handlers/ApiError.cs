using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Handlers;

/// <summary>One field-level reason in a Status's details.causes (e.g. a required field that is missing).</summary>
public sealed record StatusCause(string Reason, string Message, string Field);

/// <summary>A failure that the API answers with a meta/v1 Status object, as kube-apiserver does.</summary>
public sealed class ApiError(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public ResourceType? Resource { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<StatusCause> Causes { get; init; } = [];
    public int? RetryAfterSeconds { get; init; }
    /// <summary>Invalid errors name the Kind in details.kind; the others name the resource.</summary>
    public bool DetailsNameKind { get; init; }

    public static ApiError NotFound(ResourceType t, string name) =>
        new(404, "NotFound", $"{t.QualifiedName} \"{name}\" not found") { Resource = t, Name = name };

    public static ApiError AlreadyExists(ResourceType t, string name) =>
        new(409, "AlreadyExists", $"{t.QualifiedName} \"{name}\" already exists") { Resource = t, Name = name };

    public static ApiError Conflict(ResourceType t, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {t.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again")
        { Resource = t, Name = name };

    public static ApiError Invalid(ResourceType t, string name, IReadOnlyList<StatusCause> causes)
    {
        var kind = t.Group.Length == 0 ? t.Kind : $"{t.Kind}.{t.Group}";
        var detail = string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}"));
        var message = causes.Count == 1 ? $"{kind} \"{name}\" is invalid: {detail}" : $"{kind} \"{name}\" is invalid: [{detail}]";
        return new(422, "Invalid", message) { Resource = t, Name = name, Causes = causes, DetailsNameKind = true };
    }

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);
    public static ApiError Gone(string message) => new(410, "Expired", message);
    public static ApiError MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public JsonObject ToStatus() => Status(Code, Reason, Message, Resource, Name, Causes, RetryAfterSeconds, DetailsNameKind);

    public static JsonObject Status(int code, string reason, string message, ResourceType? t = null, string? name = null,
        IReadOnlyList<StatusCause>? causes = null, int? retryAfter = null, bool kindInDetails = false)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(),
            ["status"] = "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code,
        };
        if (reason.Length == 0) status.Remove("reason"); // errors kube-apiserver passes through unclassified (etcd's) have none
        if (t is not null || name is not null || causes is { Count: > 0 } || retryAfter is not null)
        {
            var details = new JsonObject();
            if (name is not null) details["name"] = name;
            if (t is not null) { details["group"] = t.Group; details["kind"] = kindInDetails ? t.Kind : t.Plural; }
            if (causes is { Count: > 0 })
                details["causes"] = new JsonArray(causes.Select(c => (JsonNode?)new JsonObject
                {
                    ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field,
                }).ToArray());
            if (retryAfter is not null) details["retryAfterSeconds"] = retryAfter;
            status["details"] = details;
        }
        return status;
    }
}
