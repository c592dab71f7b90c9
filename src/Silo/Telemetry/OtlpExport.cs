namespace Actors.Silo.Telemetry;

/// <summary>
/// Whether traces and metrics go out by OTLP, decided from the standard variables: an
/// exporter is on when OTEL_EXPORTER_OTLP_ENDPOINT or its signal-specific variable is set,
/// unless OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER say "none".
/// Everything else about the exporter (protocol, headers, timeout) the SDK reads itself
/// from the same OTEL_EXPORTER_OTLP_* variables. Pure.
/// </summary>
public sealed record OtlpExport(bool Traces, bool Metrics)
{
    public static OtlpExport From(Func<string, string?> setting)
    {
        bool Set(string key) => !string.IsNullOrWhiteSpace(setting(key));
        bool Off(string key) => string.Equals(setting(key)?.Trim(), "none", StringComparison.OrdinalIgnoreCase);

        if (string.Equals(setting("OTEL_SDK_DISABLED")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new(false, false);
        }

        var shared = Set("OTEL_EXPORTER_OTLP_ENDPOINT");
        return new(
            Traces: (shared || Set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) && !Off("OTEL_TRACES_EXPORTER"),
            Metrics: (shared || Set("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")) && !Off("OTEL_METRICS_EXPORTER"));
    }
}
