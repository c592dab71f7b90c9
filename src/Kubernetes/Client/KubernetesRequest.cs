using System.Text;

namespace Actors.Kubernetes;

/// <summary>One API call as the pipeline sees it: a method, a path with its query, and an optional body.</summary>
internal sealed record KubernetesRequest(HttpMethod Method, string PathAndQuery, byte[]? Body = null, string? ContentType = null)
{
    public bool IsWatch { get; init; }
}

/// <summary>Builds the query part of a request URL, leaving out unset parameters.</summary>
internal sealed class QueryBuilder(string path)
{
    private readonly StringBuilder _query = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return this;
        _query.Append(_query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryBuilder Add(string name, long? value) =>
        value is null ? this : Add(name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public QueryBuilder Add(string name, bool value) => value ? Add(name, "true") : this;

    public override string ToString() => path + _query;
}
