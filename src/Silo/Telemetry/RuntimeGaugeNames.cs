using OpenTelemetry.Metrics;

namespace Actors.Silo.Telemetry;

/// <summary>
/// The .NET runtime's gauges whose semantic-convention names end in ".count". Exported as is they
/// end in _count, which Prometheus reserves for histogram and summary series: `promtool check
/// metrics` rejects them and PromQL readers take them for a histogram's count. They are exported
/// under these names instead (by OTLP too: a view renames the stream, not one exporter's copy).
/// </summary>
public static class RuntimeGaugeNames
{
    public static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.timer.count"] = "dotnet.timers.active",
    };

    public static MeterProviderBuilder RenameRuntimeCountGauges(this MeterProviderBuilder metrics)
    {
        foreach (var (instrument, name) in Renamed)
        {
            metrics.AddView(instrument, name);
        }

        return metrics;
    }
}
