using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Tables;

/// <summary>
/// Renders objects as a meta.k8s.io/v1 Table, the form `kubectl get` asks for: CRD printer columns,
/// pod columns (Ready, Status, Restarts), namespace Status, and Name/Age for everything else.
/// </summary>
public sealed class TableRenderer(TimeProvider time)
{
    public JsonObject Render(ResourceType type, IEnumerable<JsonObject> objects, string includeObject, JsonObject listMeta)
    {
        var columns = Columns(type);
        var rows = new JsonArray();
        foreach (var o in objects)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(columns.Select(c => Cell(type, c, o)).ToArray()) };
            if (includeObject == "Object") row["object"] = o.DeepClone();
            else if (includeObject != "None")
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = o["metadata"]?.DeepClone(),
                };
            rows.Add(row);
        }
        return new JsonObject
        {
            ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = listMeta,
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode?)new JsonObject
            {
                ["name"] = c.Name, ["type"] = c.Type, ["format"] = c.Format, ["description"] = c.Description, ["priority"] = c.Priority,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    static readonly PrinterColumn NameColumn = new("Name", "string", ".metadata.name", "name", "Name must be unique within a namespace.");
    static readonly PrinterColumn AgeColumn = new("Age", "date", ".metadata.creationTimestamp", "", "CreationTimestamp is a timestamp representing the server time when this object was created.");

    static IReadOnlyList<PrinterColumn> Columns(ResourceType type)
    {
        if (type.IsCustom)
            return type.PrinterColumns.Count > 0 ? [NameColumn, .. type.PrinterColumns] : [NameColumn, AgeColumn];
        return type.StorageKey switch
        {
            "/pods" =>
            [
                NameColumn, new("Ready", "string", "#ready", "", "The aggregate readiness state of this pod for accepting traffic."),
                new("Status", "string", "#status", "", "The aggregate status of the containers in this pod."),
                new("Restarts", "string", "#restarts", "", "The number of times the containers in this pod have been restarted."),
                AgeColumn,
                new("IP", "string", ".status.podIP", "", "IP address allocated to the pod.", 1),
                new("Node", "string", ".spec.nodeName", "", "Name of the node the pod is assigned to.", 1),
            ],
            "/nodes" =>
            [
                NameColumn, new("Status", "string", "#nodeStatus", "", "The status of the node"),
                new("Roles", "string", "#roles", "", "The roles of the node"), AgeColumn,
                new("Version", "string", ".status.nodeInfo.kubeletVersion", "", "Kubelet Version reported by the node."),
            ],
            "/namespaces" => [NameColumn, new("Status", "string", ".status.phase", "", "The status of the namespace"), AgeColumn],
            "/services" =>
            [
                NameColumn, new("Type", "string", ".spec.type", "", "The type of the service."),
                new("Cluster-IP", "string", ".spec.clusterIP", "", "The IP address of the service."),
                new("Ports", "string", "#ports", "", "The ports of the service."), AgeColumn,
            ],
            // Like kube-apiserver: what happened to which object, newest information first; the name is noise.
            "/events" =>
            [
                new("Last Seen", "string", "#lastSeen", "", "Time since the event was last seen."),
                new("Type", "string", ".type", "", "Type of this event (Normal, Warning)."),
                new("Reason", "string", ".reason", "", "Short, machine understandable string that gives the reason for this event."),
                new("Object", "string", "#involvedObject", "", "The object that this event is about."),
                new("Message", "string", ".message", "", "A human-readable description of the status of this operation."),
                new("Count", "integer", ".count", "", "The number of times this event has occurred.", 1),
                new("Name", "string", ".metadata.name", "name", "Name must be unique within a namespace.", 1),
            ],
            "/persistentvolumeclaims" =>
                [NameColumn, new("Status", "string", ".status.phase", "", "The phase of the claim."), AgeColumn],
            _ => [NameColumn, AgeColumn],
        };
    }

    JsonNode? Cell(ResourceType type, PrinterColumn column, JsonObject o)
    {
        switch (column.JsonPath)
        {
            case "#ready":
                var statuses = o.At("status", "containerStatuses") as JsonArray;
                var total = (o.At("spec", "containers") as JsonArray)?.Count ?? 0;
                var ready = statuses?.Count(s => s?["ready"] is JsonValue r && r.TryGetValue<bool>(out var b) && b) ?? 0;
                return $"{ready}/{total}";
            case "#status":
                if (o.IsDeleting()) return "Terminating";
                return o.Text("status", "reason") ?? o.Text("status", "phase") ?? "Unknown";
            case "#restarts":
                return (o.At("status", "containerStatuses") as JsonArray)?.Sum(s => s.Number("restartCount") ?? 0).ToString() ?? "0";
            case "#nodeStatus":
                var readyCondition = (o.At("status", "conditions") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.Text("type") == "Ready");
                var nodeStatus = readyCondition?.Text("status") == "True" ? "Ready" : readyCondition is null ? "Unknown" : "NotReady";
                return o.At("spec", "unschedulable") is JsonValue u && u.TryGetValue<bool>(out var cordoned) && cordoned ? nodeStatus + ",SchedulingDisabled" : nodeStatus;
            case "#roles":
                var roles = o.Labels().Keys.Where(k => k.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal))
                    .Select(k => k["node-role.kubernetes.io/".Length..]).ToArray();
                return roles.Length == 0 ? "<none>" : string.Join(",", roles);
            case "#lastSeen":
                var seen = o.Text("lastTimestamp") ?? o.Text("eventTime") ?? o.Text("firstTimestamp") ?? o.Text("metadata", "creationTimestamp");
                return seen is not null && DateTimeOffset.TryParse(seen, out var seenAt) ? HumanDuration.Format(time.GetUtcNow() - seenAt) : "<unknown>";
            case "#involvedObject":
                var kind = o.Text("involvedObject", "kind")?.ToLowerInvariant();
                var name = o.Text("involvedObject", "name");
                return kind is null ? name ?? "<none>" : $"{kind}/{name}";
            case "#ports":
                var ports = (o.At("spec", "ports") as JsonArray)?.OfType<JsonObject>()
                    .Select(p => $"{p.Number("port")}/{p.Text("protocol") ?? "TCP"}").ToArray() ?? [];
                return ports.Length == 0 ? "<none>" : string.Join(",", ports);
        }
        var values = JsonPathExpression.Evaluate(o, column.JsonPath);
        if (values.Count == 0 || values[0] is null) return column.Type is "integer" or "number" or "boolean" ? null : type.IsCustom ? null : "<none>";
        var value = values[0]!;
        if (column.Type == "date" && value is JsonValue dv && dv.TryGetValue<string>(out var ts) && DateTimeOffset.TryParse(ts, out var at))
            return HumanDuration.Format(time.GetUtcNow() - at);
        if (values.Count > 1 && column.Type == "string") return string.Join(",", values.Select(JsonPathExpression.Render));
        return value is JsonValue ? value.DeepClone() : JsonPathExpression.Render(value);
    }
}
