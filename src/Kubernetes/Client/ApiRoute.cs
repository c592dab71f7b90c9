namespace Actors.Kubernetes;

/// <summary>A low-cardinality span name for an API path: namespaces and object names become placeholders.</summary>
internal static class ApiRoute
{
    public static string Of(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefix = segments.Length > 0 && segments[0] == "api" ? 2 : segments.Length > 0 && segments[0] == "apis" ? 3 : segments.Length;
        var rest = segments.AsSpan(Math.Min(prefix, segments.Length));
        if (rest.Length >= 2 && rest[0] == "namespaces")
        {
            rest[1] = rest.Length == 2 ? "{name}" : "{namespace}";
            rest = rest[2..];
        }
        if (rest.Length >= 2) rest[1] = "{name}";
        return "/" + string.Join('/', segments);
    }
}
