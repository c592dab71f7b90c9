using System.Globalization;
using System.Text;

namespace Actors.Kubernetes;

/// <summary>A path with query parameters; null values are left out, values are escaped.</summary>
internal sealed class QueryString(string path)
{
    private readonly StringBuilder _text = new(path);
    private bool _first = !path.Contains('?');

    public QueryString Add(string name, string? value)
    {
        if (value is null) return this;
        _text.Append(_first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        _first = false;
        return this;
    }

    public QueryString Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString Add(string name, bool value) => value ? Add(name, "true") : this;

    public override string ToString() => _text.ToString();
}
