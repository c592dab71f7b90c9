using System.Diagnostics;
using System.Runtime.InteropServices;
using Actors.Operator.Bench;

// Usage: Operator.Bench [--nodes N] <clusters> [roll samples] [rest window seconds]
//        Operator.Bench [--nodes N] silo-process <clusters> [rest window seconds]
const string Usage = "usage: Operator.Bench [--nodes N = 8] <clusters> [roll samples = 5] [rest window seconds = 30]\n"
    + "       Operator.Bench [--nodes N = 8] silo-process <clusters> [rest window seconds = 60]";
var nodes = BenchWorld.DefaultNodes;
if (args is ["--nodes", var given, .. var rest])
{
    if (!int.TryParse(given, out nodes) || nodes < 1) return Fail();
    args = rest;
}
if (args is ["silo-process", .. var processArgs])
    return processArgs is [var n, .. var more] && int.TryParse(n, out var clusters) && clusters > 0
        ? await SiloProcessBench.RunAsync(clusters, TimeSpan.FromSeconds(more is [var w, ..] ? int.Parse(w) : 60), nodes)
        : Fail();
if (args.Length < 1 || !int.TryParse(args[0], out var count) || count < 1) return Fail();
var samples = args.Length > 1 ? int.Parse(args[1]) : 5;
var restWindow = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 30);

void Say(string line) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
string Mb(long bytes) => $"{bytes / 1048576.0,8:0.0} MB";

using var requests = new RequestCounter();
using var routes = Environment.GetEnvironmentVariable("BENCH_TRACE") is null ? null : new RequestRoutes();
await using var world = await BenchWorld.StartAsync(nodes);
await world.StartOperatorAsync();
await Task.Delay(TimeSpan.FromSeconds(2));
var before = Footprint.Now();
var activationsBefore = await world.ActivationCountAsync();
var loadBefore = MachineLoad.Now();

var fleet = new ClusterFleet(world, count);
var cpuBefore = CpuTime();
var requestsBeforeStartUp = requests.Total;
Say($"creating {count} clusters (3 controllers + 3 brokers each)");
var (wall, perCluster) = await fleet.StartUpAsync(TimeSpan.FromSeconds(120 + 10 * count));
var startUpCpu = CpuTime() - cpuBefore;
var startUpRequests = requests.Total - requestsBeforeStartUp;
Say($"all Ready after {wall.TotalSeconds:0.0} s");

// Let the last status writes and informer resyncs settle, then drop the start-up audit records so
// the footprint at rest does not count the emulator's history.
await Task.Delay(TimeSpan.FromSeconds(5));
var startUpRecords = world.Emulator.Audit.Records;
var startUpWrites = startUpRecords.Count;
var (kubeletLags, operatorLags) = StartUpLags.Of(startUpRecords, fleet.Names);
world.Emulator.Audit.Clear();
var atRest = Footprint.Now();
var activations = await world.ActivationCountAsync();

Say($"at rest: counting API traffic for {restWindow.TotalSeconds:0} s");
var requestsStart = requests.Total;
routes?.Take();
var windowStart = DateTimeOffset.UtcNow;
await Task.Delay(restWindow);
var windowEnd = DateTimeOffset.UtcNow;
var requestsInWindow = requests.Total - requestsStart;
var writes = world.Emulator.Audit.Records.Where(r => r.Time >= windowStart && r.Time < windowEnd).ToList();
if (Environment.GetEnvironmentVariable("BENCH_TRACE") is not null)
    foreach (var r in world.Emulator.Audit.Records.Where(r => r.Time >= windowStart && r.Time < windowEnd))
        Console.WriteLine($"    at rest: {r.Verb} {r.Resource} {r.Namespace}/{r.Name} by {r.User}");
foreach (var (route, n) in routes?.Take() ?? [])
    Console.WriteLine($"    at rest: {n,5} x {route}");
var writesByKind = writes.GroupBy(r => $"{r.Verb} {r.Resource}{(r.Subresource is null ? "" : "/" + r.Subresource)}")
    .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");

Say($"reaction: {samples} restart-at rolls, one at a time");
var rolls = new List<RollSample>();
for (var i = 0; i < samples; i++)
{
    var name = fleet.Names[i * fleet.Names.Count / samples % fleet.Names.Count];
    var roll = await fleet.RestartAsync(name, TimeSpan.FromSeconds(120));
    rolls.Add(roll);
    Say($"  {roll.Cluster}: first pod deletion {roll.ToFirstDeletion.TotalMilliseconds:0} ms, roll complete {roll.ToCompletion.TotalMilliseconds:0} ms");
}
var loadAfter = MachineLoad.Now();
await world.StopOperatorAsync();
world.Emulator.Audit.Clear();
var withoutOperator = Footprint.Now();

Console.WriteLine();
Console.WriteLine($"Operator at scale: {count} clusters x (3 controllers + 3 brokers), OrderedReady, minReadySeconds 0");
Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, load average {loadBefore} before / {loadAfter} after");
Console.WriteLine($"kubelet on {nodes} simulated nodes: start {BenchWorld.FastKubelet.StartDelay.TotalMilliseconds:0} ms, ready {BenchWorld.FastKubelet.ReadyDelay.TotalMilliseconds:0} ms, shutdown {BenchWorld.FastKubelet.ShutdownTime.TotalMilliseconds:0} ms");
Console.WriteLine();
Console.WriteLine($"start-up, all Ready (wall)      {wall.TotalMilliseconds,8:0} ms");
Console.WriteLine($"start-up, per cluster to Ready  {Percentiles.Of(perCluster)}");
Console.WriteLine($"start-up CPU time (all threads)  {startUpCpu.TotalMilliseconds,8:0} ms  ({startUpCpu / wall:0.00} cores busy on average)");
Console.WriteLine($"start-up API writes / requests  {startUpWrites,8} / {startUpRequests}  ({startUpWrites / (double)count:0} / {startUpRequests / (double)count:0} per cluster; writes include the kubelet's)");
Console.WriteLine($"start-up pod create -> kubelet  {Percentiles.Of(kubeletLags)}");
Console.WriteLine($"start-up pod status -> next pod {Percentiles.Of(operatorLags)}");
Console.WriteLine($"restart-at -> first pod delete  {Percentiles.Of(rolls.Select(r => r.ToFirstDeletion))}");
Console.WriteLine($"restart-at -> roll complete     {Percentiles.Of(rolls.Select(r => r.ToCompletion))}");
Console.WriteLine($"managed heap  before / at rest  {Mb(before.ManagedBytes)} / {Mb(atRest.ManagedBytes)}  -> {(atRest.ManagedBytes - before.ManagedBytes) / count / 1024.0,8:0.0} KB per cluster");
Console.WriteLine($"working set   before / at rest  {Mb(before.WorkingSetBytes)} / {Mb(atRest.WorkingSetBytes)}  -> {(atRest.WorkingSetBytes - before.WorkingSetBytes) / count / 1024.0,8:0.0} KB per cluster");
Console.WriteLine($"managed heap, operator stopped   {Mb(withoutOperator.ManagedBytes)}  -> operator's share about {(atRest.ManagedBytes - withoutOperator.ManagedBytes) / count / 1024.0:0.0} KB per cluster");
Console.WriteLine($"grain activations before / rest {activationsBefore,8} / {activations}  ({(activations - activationsBefore) / (double)count:0.0} per cluster)");
Console.WriteLine($"API writes at rest ({restWindow.TotalSeconds:0} s)      {writes.Count,8}  ({writes.Count / (double)count:0.00} per cluster)  {string.Join(", ", writesByKind)}");
Console.WriteLine($"API requests at rest ({restWindow.TotalSeconds:0} s)    {requestsInWindow,8}  ({requestsInWindow / (double)count:0.00} per cluster; all clients in the process)");
return 0;

static int Fail()
{
    Console.Error.WriteLine(Usage);
    return 2;
}

static TimeSpan CpuTime()
{
    using var process = Process.GetCurrentProcess();
    return process.TotalProcessorTime;
}
