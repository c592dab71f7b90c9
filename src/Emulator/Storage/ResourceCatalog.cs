namespace Actors.Emulator.Storage;

/// <summary>
/// Every resource served right now: the built-ins plus whatever the stored CRDs define.
/// Discovery, OpenAPI and request routing all read from here, so a created CRD is served at once.
/// </summary>
public sealed class ResourceCatalog
{
    readonly object gate = new();
    readonly List<ResourceType> builtins = BuiltinResources.All().ToList();
    Dictionary<string, List<ResourceType>> custom = new(); // by CRD name
    long generation;

    /// <summary>Changes whenever the set of served resources changes (used as a discovery/OpenAPI hash).</summary>
    public long Generation { get { lock (gate) return generation; } }

    public IReadOnlyList<ResourceType> All
    {
        get { lock (gate) return builtins.Concat(custom.Values.SelectMany(v => v)).ToList(); }
    }

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public ResourceType? FindKind(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Kind == kind);
    }

    /// <summary>Any served version of a storage key (group/plural), for cross-version work such as garbage collection.</summary>
    public ResourceType? ByStorageKey(string storageKey) => All.FirstOrDefault(t => t.StorageKey == storageKey);

    internal void Define(string crdName, IEnumerable<ResourceType> types)
    {
        lock (gate)
        {
            custom = new(custom) { [crdName] = types.ToList() };
            generation++;
        }
    }

    internal void Remove(string crdName)
    {
        lock (gate)
        {
            var next = new Dictionary<string, List<ResourceType>>(custom);
            if (next.Remove(crdName)) { custom = next; generation++; }
        }
    }
}
