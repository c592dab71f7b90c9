using System.Globalization;
using System.Text;

namespace Actors.Silo.Telemetry;

/// <summary>
/// Writes metric families in the Prometheus text exposition format, version 0.0.4. Pure.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Write(StringBuilder text, PrometheusFamily family)
    {
        if (family.Help.Length > 0)
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
        }

        text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type switch
        {
            PrometheusType.Counter => "counter",
            PrometheusType.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');

        foreach (var sample in family.Samples)
        {
            text.Append(family.Name).Append(sample.Suffix);
            if (sample.Labels.Count > 0)
            {
                text.Append('{');
                for (var i = 0; i < sample.Labels.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    text.Append(sample.Labels[i].Key).Append("=\"").Append(EscapeLabelValue(sample.Labels[i].Value)).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(Number(sample.Value)).Append('\n');
        }
    }

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\").Replace("\"", "\\\"").Replace("\n", @"\n");

    /// <summary>HELP text escapes backslash and line feed.</summary>
    public static string EscapeHelp(string help) => help.Replace("\\", @"\\").Replace("\n", @"\n");

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
