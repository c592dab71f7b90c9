using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Lifecycle;

/// <summary>
/// The defaults and checks kube-apiserver applies to built-in kinds on create, kept to what clients
/// notice: a pod starts Pending, a Service gets a cluster IP, a namespace is Active, names are valid.
/// </summary>
internal static partial class Admission
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex Subdomain();

    public static void CheckName(ResourceType type, JsonObject obj)
    {
        var name = obj.Name();
        if (name.Length == 0)
            throw ApiError.Invalid(type, name, [new("FieldValueRequired", "Required value: name or generateName is required", "metadata.name")]);
        if (name.Length > 253 || !Subdomain().IsMatch(name))
            throw ApiError.Invalid(type, name, [new("FieldValueInvalid",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                "metadata.name")]);
    }

    public static void DefaultOnCreate(ResourceType type, JsonObject obj, int serviceIpSeed)
    {
        if (type.IsCustom || type.Group.Length != 0) return;
        switch (type.Plural)
        {
            case "pods":
                var spec = obj.Child("spec");
                spec.TryAdd("restartPolicy", "Always");
                spec.TryAdd("terminationGracePeriodSeconds", 30);
                spec.TryAdd("dnsPolicy", "ClusterFirst");
                spec.TryAdd("schedulerName", "default-scheduler");
                var status = obj.Child("status");
                status.TryAdd("phase", "Pending");
                break;
            case "services":
                var svc = obj.Child("spec");
                svc.TryAdd("type", "ClusterIP");
                svc.TryAdd("sessionAffinity", "None");
                if (svc["clusterIP"] is null)
                    svc["clusterIP"] = $"10.96.{serviceIpSeed / 250 % 250}.{serviceIpSeed % 250 + 2}";
                svc["clusterIPs"] ??= new JsonArray(svc["clusterIP"]!.DeepClone());
                if (svc["ports"] is JsonArray ports)
                    foreach (var p in ports.OfType<JsonObject>())
                    {
                        p.TryAdd("protocol", "TCP");
                        if (p["targetPort"] is null && p["port"] is { } port) p["targetPort"] = port.DeepClone();
                    }
                obj.Child("status").TryAdd("loadBalancer", new JsonObject());
                break;
            case "namespaces":
                obj.Child("spec")["finalizers"] = new JsonArray("kubernetes");
                obj.Child("status")["phase"] = "Active";
                obj.Meta().Child("labels")["kubernetes.io/metadata.name"] = obj.Name();
                break;
            case "persistentvolumeclaims":
                obj.Child("status").TryAdd("phase", "Pending");
                break;
        }
    }
}
