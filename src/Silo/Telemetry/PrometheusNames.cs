using System.Text;

namespace Actors.Silo.Telemetry;

/// <summary>
/// OpenTelemetry instrument names and units as Prometheus names: every character outside
/// [a-zA-Z0-9_:] becomes '_', the unit becomes a suffix (s → _seconds), and counters end in
/// _total — the conventions of OpenTelemetry's own Prometheus exporters.
/// </summary>
public static class PrometheusNames
{
    public static string Metric(string instrument, string? unit, PrometheusType type)
    {
        var name = Sanitize(instrument, allowColon: true);
        if (UnitSuffix(unit) is { } suffix && !name.EndsWith(suffix, StringComparison.Ordinal) && !(type == PrometheusType.Counter && name.EndsWith(suffix + "_total", StringComparison.Ordinal)))
        {
            name += suffix;
        }

        if (type == PrometheusType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>Label names: [a-zA-Z_][a-zA-Z0-9_]*, and never the reserved "__" prefix.</summary>
    public static string Label(string key)
    {
        var name = Sanitize(key, allowColon: false);
        return name.StartsWith("__", StringComparison.Ordinal) ? "key" + name : name;
    }

    private static string? UnitSuffix(string? unit) => unit switch
    {
        "s" => "_seconds",
        "ms" => "_milliseconds",
        "By" => "_bytes",
        _ => null,
    };

    private static string Sanitize(string raw, bool allowColon)
    {
        if (raw.Length == 0)
        {
            return "_";
        }

        var name = new StringBuilder(raw.Length + 1);
        if (char.IsAsciiDigit(raw[0]))
        {
            name.Append('_');
        }

        foreach (var c in raw)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return name.ToString();
    }
}
