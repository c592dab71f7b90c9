using System.Text;
using BenchmarkDotNet.Reports;

namespace Actors.Runtime.Bench;

/// <summary>
/// The summary in the figures of bench/README.md: calls per second rather than time per call,
/// and the ratio as throughput (Orleans calls/s over channel calls/s, below 1 when Orleans is
/// slower), which is the inverse of BenchmarkDotNet's time ratio.
/// </summary>
public static class CallsPerSecondTable
{
    public static string Render(Summary summary)
    {
        var text = new StringBuilder();
        text.AppendLine($"{"scenario",-14} {"callers",7} {"orleans calls/s",16} {"channel calls/s",16} {"orleans/channel",16} {"orleans B/call",15} {"channel B/call",15}");
        foreach (var scenario in Scenario.All)
        {
            var grain = Find(summary, scenario, nameof(CallBenchmarks.GrainCall));
            var channel = Find(summary, scenario, nameof(CallBenchmarks.ChannelCall));
            if (grain is null || channel is null) continue;
            text.AppendLine($"{scenario.Name,-14} {scenario.Callers,7} {grain.Value.PerSecond,16:N0} {channel.Value.PerSecond,16:N0} {grain.Value.PerSecond / channel.Value.PerSecond,16:0.00} {grain.Value.Bytes,15:N0} {channel.Value.Bytes,15:N0}");
        }
        return text.ToString();
    }

    private static (double PerSecond, double Bytes)? Find(Summary summary, Scenario scenario, string method)
    {
        var report = summary.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method &&
            Equals(r.BenchmarkCase.Parameters[nameof(CallBenchmarks.Scenario)], scenario));
        if (report?.ResultStatistics is not { } statistics) return null;
        var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? double.NaN;
        return (1e9 / statistics.Mean, bytes);
    }
}
