using System.Globalization;
using System.Runtime.InteropServices;
using Actors.Operator.Bench;
using Actors.OperatorCluster.Bench;

// Usage: OperatorCluster.Bench failover [kills] [clusters] [controllers] [brokers] [rest s]
//        OperatorCluster.Bench fleet [clusters] [controllers] [brokers] [replica counts] [rest s]
var mode = args.FirstOrDefault();
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
void Say(string line) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");
static string Load() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

Console.WriteLine($"OperatorCluster.Bench {string.Join(' ', args)}: {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, load average {Load()}");
switch (mode)
{
    case "failover":
        await FailoverAsync(Arg(1, 10), Arg(2, 30), Arg(3, 3), Arg(4, 3), Arg(5, 60));
        break;
    case "fleet":
        var counts = args.Length > 4 ? args[4].Split(',').Select(int.Parse).ToArray() : [1, 3];
        foreach (var replicas in counts) await FleetAsync(Arg(1, 300), Arg(2, 3), Arg(3, 3), replicas, Arg(5, 60));
        break;
    default:
        Console.Error.WriteLine("usage: OperatorCluster.Bench failover [kills = 10] [clusters = 30] [controllers = 3] [brokers = 3] [rest seconds = 60]");
        Console.Error.WriteLine("       OperatorCluster.Bench fleet [clusters = 300] [controllers = 3] [brokers = 3] [replica counts = 1,3] [rest seconds = 60]");
        return 2;
}
Console.WriteLine($"load average at the end {Load()}");
return 0;

async Task FailoverAsync(int kills, int clusters, int controllers, int brokers, int rest)
{
    await using var world = await ReplicaWorld.StartAsync();
    await Task.WhenAll(new[] { "replica-a", "replica-b", "replica-c" }.Select(world.StartReplicaAsync));
    var fleet = new Fleet(world.Client, clusters, controllers, brokers);
    Say($"3 replicas Active; creating {clusters} clusters of {fleet.Shape}");
    var startUp = await fleet.CreateAllAsync(TimeSpan.FromMinutes(10));
    Say($"all at rest after {startUp.TotalSeconds:0.0} s; spread {Spread(world, fleet)}");
    Say($"at rest, {rest} s:");
    foreach (var line in await RestTraffic.MeasureAsync(world, TimeSpan.FromSeconds(rest))) Say("  " + line);

    var failover = new Failover(world, fleet, Say);
    var samples = new List<KillSample>();
    for (var i = 0; i < kills; i++)
    {
        var s = await failover.KillMidRollAsync(fleet.Names[i * 7 % fleet.Names.Count]);
        samples.Add(s);
        Say($"kill {i + 1}: {s.Victim} ({s.VictimClusters} clusters) killed after {s.RestartedBeforeKill} restarts of {s.Rolling}: declared dead {Ms(s.DeclaredDead)}, " +
            $"first/last takeover {Ms(s.FirstTakeover)} / {Ms(s.LastTakeover)}, {s.Rolling}'s first step {Ms(s.FirstRollStep)}, roll complete {Ms(s.RollComplete)}" +
            (s.AnyNodeRestartedTwice ? ", A NODE RESTARTED TWICE" : ""));
    }
    Console.WriteLine();
    Console.WriteLine($"{kills} kills (SIGKILL), 3 replicas, {clusters} clusters of {fleet.Shape}; times from the kill:");
    Console.WriteLine($"  a survivor logs the victim declared dead       {Percentiles.Of(samples.Select(s => s.DeclaredDead))}");
    Console.WriteLine($"  first of the victim's clusters reconciled     {Percentiles.Of(samples.Select(s => s.FirstTakeover))}");
    Console.WriteLine($"  last of the victim's clusters reconciled      {Percentiles.Of(samples.Select(s => s.LastTakeover))}");
    Console.WriteLine($"  mid-roll cluster's first pod write (a step)   {Percentiles.Of(samples.Select(s => s.FirstRollStep))}");
    Console.WriteLine($"  mid-roll cluster's roll complete, all at rest {Percentiles.Of(samples.Select(s => s.RollComplete))}");
    Console.WriteLine($"  victim's clusters per kill {string.Join(" ", samples.Select(s => s.VictimClusters))}; node restarted twice in {samples.Count(s => s.AnyNodeRestartedTwice)} rolls");
}

async Task FleetAsync(int clusters, int controllers, int brokers, int replicas, int rest)
{
    await using var world = await ReplicaWorld.StartAsync();
    await Task.WhenAll(Enumerable.Range(0, replicas).Select(i => world.StartReplicaAsync($"replica-{(char)('a' + i)}")));
    await Task.Delay(TimeSpan.FromSeconds(5));
    var idle = world.Alive.ToDictionary(r => r, r => r.Memory());
    var fleet = new Fleet(world.Client, clusters, controllers, brokers);
    Say($"{replicas} replica(s) Active; creating {clusters} clusters of {fleet.Shape} (load {Load()})");
    var requestsBefore = await RequestTotalsAsync(world);
    var startUp = await fleet.CreateAllAsync(TimeSpan.FromMinutes(14));
    var requestsAfter = await RequestTotalsAsync(world);
    long Sum(Dictionary<Replica, IReadOnlyDictionary<string, long>> totals, Replica r) => totals[r].Values.Sum();
    Say($"start-up API requests per replica: {string.Join(", ", world.Alive.Select(r => $"{r.Name} {Sum(requestsAfter, r) - Sum(requestsBefore, r)}"))} " +
        $"({world.Alive.Sum(r => Sum(requestsAfter, r) - Sum(requestsBefore, r)) / (double)clusters:0} per cluster); all replicas by method and answer: {Breakdown(world.Alive, requestsBefore, requestsAfter)}");
    Say($"all {clusters} Ready at rest after {startUp.TotalSeconds:0.0} s (load {Load()}); spread {Spread(world, fleet)}");
    await Task.Delay(TimeSpan.FromSeconds(10));
    foreach (var replica in world.Alive)
    {
        var (rss, hwm) = replica.Memory();
        Say($"  {replica.Name}: VmRSS {Mib(idle[replica].Rss)} before any cluster -> {Mib(rss)} at rest, VmHWM {Mib(hwm)}");
    }
    Say($"at rest, {rest} s:");
    foreach (var line in await RestTraffic.MeasureAsync(world, TimeSpan.FromSeconds(rest))) Say("  " + line);
    Console.WriteLine();
    Console.WriteLine($"{replicas} replica(s), {clusters} clusters of {fleet.Shape}: start-up {startUp.TotalSeconds:0.0} s");
}

static async Task<Dictionary<Replica, IReadOnlyDictionary<string, long>>> RequestTotalsAsync(ReplicaWorld world)
{
    var totals = new Dictionary<Replica, IReadOnlyDictionary<string, long>>();
    foreach (var replica in world.Alive) totals[replica] = await replica.RequestsAsync(world.Http);
    return totals;
}

static string Breakdown(IEnumerable<Replica> replicas, Dictionary<Replica, IReadOnlyDictionary<string, long>> before, Dictionary<Replica, IReadOnlyDictionary<string, long>> after) =>
    string.Join(", ", replicas.SelectMany(r => after[r].Select(kv => (kv.Key, Count: kv.Value - before[r].GetValueOrDefault(kv.Key))))
        .GroupBy(x => x.Key).Select(g => (g.Key, Count: g.Sum(x => x.Count))).Where(x => x.Count > 0).OrderByDescending(x => x.Count).Select(x => $"{x.Key} {x.Count}"));

static string Spread(ReplicaWorld world, Fleet fleet) =>
    string.Join(", ", fleet.Names.GroupBy(n => world.HostOf($"{ReplicaWorld.Namespace}/{n}")?.Name ?? "(none)").OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

static string Mib(long bytes) => $"{bytes / 1048576.0:0} MiB";
