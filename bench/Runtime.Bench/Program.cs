// Grain calls per second through the actor runtime, side by side with a bare Channel<T>
// mailbox doing the same work. Usage: dotnet run -c Release --project bench/Runtime.Bench [seconds-per-run]
using System.Diagnostics;
using Actors.Runtime;
using Actors.Runtime.Bench;
using Microsoft.Extensions.DependencyInjection;

var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
var duration = TimeSpan.FromSeconds(seconds);

var services = new ServiceCollection();
services.AddActorRuntime().AddGrain<IBenchCounterGrain, BenchCounterGrain>();
await using var provider = services.BuildServiceProvider();
var runtime = provider.GetRequiredService<ActorRuntime>();
await runtime.StartAsync();

Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {seconds:0.#} s per run (5 alternating rounds after a {seconds / 5:0.#} s warm-up)");
Console.WriteLine($"{"scenario",-12} {"callers",8} {"runtime calls/s",16} {"channel calls/s",16} {"runtime/channel",16} {"runtime B/call",15} {"channel B/call",15}");

var only = args.Length > 1 ? args[1] : null;
foreach (var (name, actors, callers) in new[] { ("1 grain", 1, 16), ("10,000 grains", 10_000, 256), ("1 caller", 1, 1) })
{
    if (only is not null && !name.StartsWith(only, StringComparison.Ordinal)) continue;
    var grains = Enumerable.Range(0, actors).Select(i => runtime.GetGrain<IBenchCounterGrain>($"g{i}")).ToArray();
    var channels = Enumerable.Range(0, actors).Select(_ => new ChannelActor()).ToArray();
    Func<int, Task<int>> grainCall = i => grains[i].Add(1);
    Func<int, Task<int>> channelCall = i => channels[i].Add(1);

    await Measure(grainCall, actors, callers, duration / 5); // warm-up: activations, JIT
    await Measure(channelCall, actors, callers, duration / 5);
    // Alternate short rounds so that load from elsewhere on the machine hits both sides alike.
    const int rounds = 5;
    double grainCalls = 0, grainBytes = 0, channelCalls = 0, channelBytes = 0;
    for (var round = 0; round < rounds; round++)
    {
        var g = await Measure(grainCall, actors, callers, duration / rounds);
        var c = await Measure(channelCall, actors, callers, duration / rounds);
        grainCalls += g.CallsPerSecond / rounds; grainBytes += g.BytesPerCall / rounds;
        channelCalls += c.CallsPerSecond / rounds; channelBytes += c.BytesPerCall / rounds;
    }
    var (grainRate, channelRate) = (grainCalls, channelCalls);
    Console.WriteLine($"{name,-12} {callers,8} {grainRate,16:N0} {channelRate,16:N0} {grainRate / channelRate,16:0.00} {grainBytes,15:N0} {channelBytes,15:N0}");
    foreach (var channel in channels) channel.Stop();
}

await runtime.StopAsync();

// Each caller awaits one call at a time, walking the actors round-robin from its own offset.
static async Task<(double CallsPerSecond, double BytesPerCall)> Measure(Func<int, Task<int>> call, int actors, int callers, TimeSpan duration)
{
    var stop = false;
    var counts = new long[callers];
    var bytes = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    var loops = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
    {
        var actor = caller % actors;
        long n = 0;
        while (!Volatile.Read(ref stop))
        {
            await call(actor);
            n++;
            if (++actor == actors) actor = 0;
        }
        counts[caller] = n;
    })).ToArray();
    await Task.Delay(duration);
    Volatile.Write(ref stop, true);
    await Task.WhenAll(loops);
    watch.Stop();
    var total = counts.Sum();
    return (total / watch.Elapsed.TotalSeconds, (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)total);
}
