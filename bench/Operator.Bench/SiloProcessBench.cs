using System.Runtime.InteropServices;

namespace Actors.Operator.Bench;

/// <summary>
/// One operator silo in its own process, the emulator and the simulated kubelet in this one:
/// creates N clusters (3 controllers + 3 brokers each), waits until all are Ready with no operation
/// in flight, then watches the fleet at rest. Measures the silo's resident memory (before any
/// cluster, at convergence, at rest, and its peak), its CPU time and client requests, the time to
/// converge, and the API traffic at rest (the emulator's audit log for writes, by client; the
/// silo's /metrics for its requests).
/// </summary>
public static class SiloProcessBench
{
    public static async Task<int> RunAsync(int count, TimeSpan restWindow, int nodes)
    {
        void Say(string line) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
        static string Mib(long bytes) => $"{bytes / 1048576.0:0} MiB";

        await using var world = await BenchWorld.StartAsync(nodes);
        using var kubeletRequests = new RequestCounter();
        var memoryLimit = MemoryLimit.FromEnvironment();
        await using var silo = await OperatorProcess.StartAsync(world.Emulator.KubeconfigPath, BenchWorld.Namespace, TimeSpan.FromMinutes(2), memoryLimit);
        Say($"silo running as process {silo.Id}, {silo.Http}{(memoryLimit is null ? "" : $", in a memory cgroup limited to {Mib(memoryLimit.Bytes)}")}");
        await Task.Delay(TimeSpan.FromSeconds(10));
        var idle = silo.Memory();
        var idleHeap = await silo.ManagedHeapAsync();
        var loadBefore = MachineLoad.Now();

        var cpuBefore = silo.CpuTime;
        var requestsBefore = await silo.RequestsAsync();
        using var progress = new Timer(_ =>
        {
            if (silo.ExitCode is { } code)
            {
                // Killed over its memory limit (or crashed): nothing after this would mean anything.
                Say($"the silo exited with code {code}{(memoryLimit is null ? "" : $"; OOM kills in its cgroup: {memoryLimit.OomKills()}")}");
                Environment.Exit(1);
            }
            Say($"  silo RSS {Mib(silo.Memory().Rss)}, load {MachineLoad.Now()}");
        }, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        var wall = TimeSpan.Zero;
        var perCluster = new List<TimeSpan>();
        var first = 0;
        for (var wave = 1; first < count; wave++)
        {
            var size = Math.Min(WaveSize(count), count - first);
            await WaveGate.OpenedAsync(wave);
            Say($"creating clusters {first}..{first + size - 1} (3 controllers + 3 brokers each) on {nodes} simulated nodes");
            var (took, each) = await new ClusterFleet(world, size, first).StartUpAsync(TimeSpan.FromHours(2), TimeSpan.FromMilliseconds(count >= 200 ? 2000 : 500));
            wall += took;
            perCluster.AddRange(each);
            Say($"  wave {wave}: {size} Ready after {took.TotalSeconds:0} s; silo RSS {Mib(silo.Memory().Rss)}, load {MachineLoad.Now()}");
            first += size;
            WaveGate.Done(wave);
        }
        await progress.DisposeAsync();
        var converged = silo.Memory();
        var convergedHeap = await silo.ManagedHeapAsync();
        var startUpCpu = silo.CpuTime - cpuBefore;
        var startUpRequests = await silo.RequestsAsync() - requestsBefore;
        var startUpWrites = world.Emulator.Audit.Records.GroupBy(r => r.UserAgent ?? r.User).ToDictionary(g => g.Key, g => g.Count());
        var loadAtConvergence = MachineLoad.Now();
        Say($"all {count} Ready after {wall.TotalSeconds:0} s; settling for 30 s");

        world.Emulator.Audit.Clear();
        await Task.Delay(TimeSpan.FromSeconds(30));
        var settled = silo.Memory();
        Say($"at rest: counting API traffic for {restWindow.TotalSeconds:0} s");
        var siloRequestsStart = await silo.RequestsAsync();
        var kubeletRequestsStart = kubeletRequests.Total;
        var windowStart = DateTimeOffset.UtcNow;
        await Task.Delay(restWindow);
        var windowEnd = DateTimeOffset.UtcNow;
        var siloRequests = await silo.RequestsAsync() - siloRequestsStart;
        var otherRequests = kubeletRequests.Total - kubeletRequestsStart;
        var writes = world.Emulator.Audit.Records.Where(r => r.Time >= windowStart && r.Time < windowEnd).ToList();
        var atRest = silo.Memory();
        var atRestHeap = await silo.ManagedHeapAsync();
        var loadAfter = MachineLoad.Now();
        string ByClient(IEnumerable<IGrouping<string, int>> groups) => string.Join(", ", groups.Select(g => $"{g.Key} {g.Sum()}"));

        Console.WriteLine();
        Console.WriteLine($"One operator process: {count} clusters x (3 controllers + 3 brokers), OrderedReady, minReadySeconds 0");
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, load average {loadBefore} before / {loadAtConvergence} at convergence / {loadAfter} after");
        Console.WriteLine($"kubelet (in the bench process) on {nodes} simulated nodes: start {BenchWorld.FastKubelet.StartDelay.TotalMilliseconds:0} ms, ready {BenchWorld.FastKubelet.ReadyDelay.TotalMilliseconds:0} ms");
        Console.WriteLine();
        Console.WriteLine($"converge (first create -> all Ready) {wall.TotalSeconds,8:0.0} s  (summed over waves of {WaveSize(count)})");
        Console.WriteLine($"per cluster create -> Ready          {Percentiles.Of(perCluster)}");
        Console.WriteLine($"silo CPU during start-up             {startUpCpu.TotalSeconds,8:0.0} s  ({startUpCpu / wall:0.00} cores busy on average)");
        Console.WriteLine($"silo client requests during start-up {startUpRequests,8}  ({startUpRequests / (double)count:0} per cluster, {startUpRequests / wall.TotalSeconds:0} per s)");
        Console.WriteLine($"API writes during start-up, by client {string.Join(", ", startUpWrites.OrderByDescending(w => w.Value).Select(w => $"{w.Key} {w.Value}"))}");
        Console.WriteLine($"silo RSS before any cluster          {Mib(idle.Rss),8}");
        Console.WriteLine($"silo RSS at convergence              {Mib(converged.Rss),8}  ({(converged.Rss - idle.Rss) / (double)count / 1024:0} KiB per cluster)");
        Console.WriteLine($"silo RSS 30 s later / after window   {Mib(settled.Rss),8} / {Mib(atRest.Rss)}");
        Console.WriteLine($"silo peak RSS (VmHWM)                {Mib(atRest.Peak),8}");
        if (memoryLimit is not null)
            Console.WriteLine($"silo cgroup limit / peak charge      {Mib(memoryLimit.Bytes),8} / {Mib(memoryLimit.PeakUsage())}  (RSS and page cache; OOM kills {memoryLimit.OomKills()})");
        Console.WriteLine($"silo managed heap after last GC      {Mib((long)idleHeap),8} before / {Mib((long)convergedHeap)} at convergence / {Mib((long)atRestHeap)} at rest");
        Console.WriteLine($"silo GC: {Environment.GetEnvironmentVariable("BENCH_SILO_DOTNET_gcServer") switch { "0" => "workstation", "1" => "server", _ => "its runtimeconfig (workstation)" }}{(Environment.GetEnvironmentVariable("BENCH_SILO_DOTNET_GCConserveMemory") is { } conserve ? $", GCConserveMemory {conserve}" : "")}{(Environment.GetEnvironmentVariable("BENCH_SILO_DOTNET_GCHeapHardLimit") is { } limit ? $", heap hard limit {limit}" : "")}");
        Console.WriteLine($"API requests at rest ({restWindow.TotalSeconds:0} s): silo  {siloRequests,8}  (its rest_client_requests_total)");
        Console.WriteLine($"API requests at rest ({restWindow.TotalSeconds:0} s): kubelet and bench {otherRequests,4}");
        Console.WriteLine($"API writes at rest ({restWindow.TotalSeconds:0} s)         {writes.Count,8}  {ByClient(writes.GroupBy(r => $"{r.UserAgent ?? r.User}: {r.Verb} {r.Resource}", _ => 1))}");
        await silo.DisposeAsync();
        memoryLimit?.Remove();
        return 0;
    }

    /// <summary>Clusters created at once: all of them, unless BENCH_WAVE (clusters per wave) says fewer.</summary>
    private static int WaveSize(int count) =>
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_WAVE"), out var size) && size > 0 ? size : count;
}
