using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Discovery;

/// <summary>
/// The discovery documents clients read to learn what the server serves: /version, the legacy
/// /api, /apis, /api/v1 and /apis/{group}/{version}, and the aggregated (apidiscovery.k8s.io/v2) form.
/// </summary>
public sealed class DiscoveryDocuments(ResourceCatalog catalog, string kubernetesVersion = DiscoveryDocuments.KubernetesVersion)
{
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string KubernetesVersion = "v1.32.0";

    /// <summary>/version as kube-apiserver answers it, for the version this emulator reports (e.g. "v1.32.0").</summary>
    public JsonObject Version()
    {
        var parts = kubernetesVersion.TrimStart('v').Split('.', '-', '+');
        return new JsonObject
        {
            ["major"] = parts[0], ["minor"] = parts.Length > 1 ? parts[1] : "0", ["gitVersion"] = kubernetesVersion + "-actors-emulator",
            ["gitCommit"] = "0000000000000000000000000000000000000000", ["gitTreeState"] = "clean",
            ["buildDate"] = "2026-01-01T00:00:00Z", ["goVersion"] = "go1.23.0", ["compiler"] = "gc", ["platform"] = "linux/amd64",
        };
    }

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    IEnumerable<IGrouping<string, ResourceType>> Groups() =>
        catalog.All.Where(t => t.Group.Length > 0).GroupBy(t => t.Group).OrderBy(g => g.Key, StringComparer.Ordinal);

    static List<string> Versions(IEnumerable<ResourceType> types) =>
        types.Select(t => t.Version).Distinct().OrderByDescending(VersionPriority).ToList();

    // v1 > v1beta2 > v1beta1 > v1alpha1, like Kubernetes' version priority.
    static int VersionPriority(string v)
    {
        var kind = v.Contains("alpha") ? 0 : v.Contains("beta") ? 1 : 2;
        var digits = new string(v.Skip(1).TakeWhile(char.IsDigit).ToArray());
        var minorDigits = new string(v.Reverse().TakeWhile(char.IsDigit).Reverse().ToArray());
        return kind * 1_000_000 + (int.TryParse(digits, out var major) ? major : 0) * 1000 + (kind < 2 && int.TryParse(minorDigits, out var minor) ? minor : 0);
    }

    public JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList", ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(Groups().Select(g => (JsonNode?)Group(g.Key, g)).ToArray()),
    };

    public JsonObject? GroupDocument(string group)
    {
        var types = catalog.All.Where(t => t.Group == group).ToList();
        if (types.Count == 0) return null;
        var doc = Group(group, types);
        doc["kind"] = "APIGroup";
        doc["apiVersion"] = "v1";
        return doc;
    }

    static JsonObject Group(string name, IEnumerable<ResourceType> types)
    {
        var versions = Versions(types);
        JsonObject Gv(string v) => new() { ["groupVersion"] = $"{name}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode?)Gv(v)).ToArray()),
            ["preferredVersion"] = Gv(versions[0]),
        };
    }

    public JsonObject? ResourceList(string group, string version)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0) return null;
        var resources = new JsonArray();
        foreach (var t in types)
        {
            resources.Add(new JsonObject
            {
                ["name"] = t.Plural, ["singularName"] = t.Singular, ["namespaced"] = t.Namespaced, ["kind"] = t.Kind,
                ["verbs"] = Strings(t.Verbs), ["shortNames"] = Strings(t.ShortNames), ["categories"] = Strings(t.Categories),
                ["storageVersionHash"] = Hash(t.StorageKey),
            });
            if (t.HasStatus)
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/status", ["singularName"] = "", ["namespaced"] = t.Namespaced, ["kind"] = t.Kind,
                    ["verbs"] = Strings(["get", "patch", "update"]),
                });
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList", ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}", ["resources"] = resources,
        };
    }

    /// <summary>The aggregated form: every group (or only the core group for /api) with its resources inline.</summary>
    public JsonObject Aggregated(bool core)
    {
        var items = new JsonArray();
        var groups = core
            ? [catalog.All.Where(t => t.Group.Length == 0).GroupBy(t => t.Group).First()]
            : Groups().ToList();
        foreach (var g in groups)
        {
            var versions = new JsonArray();
            foreach (var v in Versions(g))
                versions.Add(new JsonObject
                {
                    ["version"] = v, ["freshness"] = "Current",
                    ["resources"] = new JsonArray(g.Where(t => t.Version == v).Select(t => (JsonNode?)AggregatedResource(t)).ToArray()),
                });
            var metadata = new JsonObject { ["creationTimestamp"] = null };
            if (!core) metadata["name"] = g.Key;
            items.Add(new JsonObject { ["metadata"] = metadata, ["versions"] = versions });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(), ["items"] = items,
        };
    }

    static JsonObject AggregatedResource(ResourceType t)
    {
        var kind = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };
        var r = new JsonObject
        {
            ["resource"] = t.Plural, ["responseKind"] = kind, ["scope"] = t.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = t.Singular, ["verbs"] = Strings(t.Verbs),
        };
        if (t.ShortNames.Count > 0) r["shortNames"] = Strings(t.ShortNames);
        if (t.Categories.Count > 0) r["categories"] = Strings(t.Categories);
        if (t.HasStatus)
            r["subresources"] = new JsonArray(new JsonObject
            {
                ["subresource"] = "status", ["responseKind"] = kind.DeepClone(), ["verbs"] = Strings(["get", "patch", "update"]),
            });
        return r;
    }

    static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    static string Hash(string s) => Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s)))[..11];
}
