namespace Actors.Emulator.Handlers;

/// <summary>
/// A resource request path taken apart: /api/v1/namespaces/ns/pods/name/status or
/// /apis/group/version/[watch/]plural/name. Discovery and OpenAPI paths are not ApiPaths.
/// </summary>
public sealed record ApiPath(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource, bool WatchPrefix)
{
    public static ApiPath? Parse(string path)
    {
        var segs = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        int i;
        string group, version;
        if (segs.Length >= 3 && segs[0] == "api") { group = ""; version = segs[1]; i = 2; }
        else if (segs.Length >= 4 && segs[0] == "apis") { group = segs[1]; version = segs[2]; i = 3; }
        else return null;
        var watch = false;
        if (segs[i] == "watch") { watch = true; i++; }
        var rest = segs[i..];
        if (rest.Length == 0) return null;
        // namespaces/{ns}/{plural}/... is namespaced unless it is the namespace's own subresource.
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(rest.Length == 3 && rest[2] is "status" or "finalize"))
            return Build(group, version, rest[1], rest[2..], watch);
        return Build(group, version, null, rest, watch);
    }

    static ApiPath? Build(string group, string version, string? ns, string[] rest, bool watch) => rest.Length switch
    {
        1 => new ApiPath(group, version, ns, rest[0], null, null, watch),
        2 => new ApiPath(group, version, ns, rest[0], rest[1], null, watch),
        3 => new ApiPath(group, version, ns, rest[0], rest[1], rest[2], watch),
        _ => null,
    };
}
