using System.Text.Json.Nodes;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Lifecycle;

/// <summary>
/// pods/binding, the only way a real API server lets spec.nodeName be set after creation (it is
/// what the scheduler posts): one atomic step sets the node and the PodScheduled condition.
/// </summary>
public sealed partial class ObjectLifecycle
{
    /// <summary>Binds a pod to <paramref name="node"/>; 409 when it is already bound or being deleted.</summary>
    public JsonObject Bind(ResourceType pods, string ns, string name, JsonObject binding, WriteOptions options)
    {
        var target = binding.Text("target", "name");
        if (string.IsNullOrEmpty(target)) throw ApiError.Invalid(pods, name, [new("FieldValueRequired", "Required value", "target.name")]);
        if (binding.Text("target", "kind") is { } kind && kind is not ("Node" or ""))
            throw ApiError.Invalid(pods, name, [new("FieldValueNotSupported", $"Unsupported value: \"{kind}\": supported values: \"Node\"", "target.kind")]);
        lock (store.Gate)
        {
            var current = store.Get(pods.StorageKey, ns, name) ?? throw ApiError.NotFound(pods, name);
            if (binding.Text("metadata", "uid") is { Length: > 0 } uid && uid != current.Uid())
                throw new ApiError(409, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid()}") { Resource = pods, Name = name };
            if (current.IsDeleting())
                throw new ApiError(409, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{name}\": pod {name} is being deleted, cannot be assigned to a host") { Resource = pods, Name = name };
            if (current.Text("spec", "nodeName") is { Length: > 0 } bound)
                throw new ApiError(409, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{name}\": pod {name} is already assigned to node \"{bound}\"") { Resource = pods, Name = name };
            if (options.DryRun) return current;

            var next = current.CloneObject();
            next.Child("spec")["nodeName"] = target;
            if (binding.At("metadata", "annotations") is JsonObject annotations)
                foreach (var (key, value) in annotations) next.Meta().Child("annotations")[key] = value?.DeepClone();
            var conditions = next.Child("status")["conditions"] as JsonArray ?? new JsonArray();
            next.Child("status")["conditions"] = conditions;
            var scheduled = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Text("type") == "PodScheduled");
            if (scheduled is null) conditions.Add(scheduled = new JsonObject { ["type"] = "PodScheduled" });
            if (scheduled.Text("status") != "True") scheduled["lastTransitionTime"] = Now;
            scheduled["status"] = "True";
            scheduled.Remove("reason");
            scheduled.Remove("message");
            var stored = store.Put(pods.StorageKey, next);
            Audit("create", pods, stored, "binding", options.User, userAgent: options.UserAgent);
            return stored;
        }
    }
}
