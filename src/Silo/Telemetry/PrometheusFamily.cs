namespace Actors.Silo.Telemetry;

public enum PrometheusType
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>One metric family as the text format shows it: a name, HELP, TYPE and samples.</summary>
public sealed record PrometheusFamily(string Name, string Help, PrometheusType Type, IReadOnlyList<PrometheusSample> Samples);

/// <summary>
/// One sample line: the family name plus <see cref="Suffix"/> ("", "_bucket", "_sum",
/// "_count"), its labels, and the value.
/// </summary>
public sealed record PrometheusSample(string Suffix, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
