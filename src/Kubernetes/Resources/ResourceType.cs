namespace Actors.Kubernetes;

/// <summary>
/// Where a kind lives in the REST API: group/version, kind, plural and scope. The core group is
/// the empty string and is served under /api/v1; every other group under /apis/{group}/{version}.
/// </summary>
public sealed record ResourceType(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The path prefix of the group/version: "/api/v1" or "/apis/{group}/{version}".</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>Path of the collection; a null namespace on a namespaced kind means all namespaces.</summary>
    public string CollectionPath(string? @namespace)
    {
        if (Namespaced && !string.IsNullOrEmpty(@namespace))
            return $"{GroupVersionPath}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}";
        return $"{GroupVersionPath}/{Plural}";
    }

    /// <summary>Path of one object, optionally of one of its subresources ("status").</summary>
    public string ObjectPath(string name, string? @namespace, string? subresource = null)
    {
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException($"A {Kind} needs a name for this request.", nameof(name));
        if (Namespaced && string.IsNullOrEmpty(@namespace))
            throw new ArgumentException($"{Kind} is namespaced: give the namespace of '{name}'.", nameof(@namespace));
        var path = $"{CollectionPath(@namespace)}/{Uri.EscapeDataString(name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }

    public override string ToString() => $"{Plural}.{(Group.Length == 0 ? "core" : Group)}/{Version}";
}
