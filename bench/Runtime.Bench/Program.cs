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

Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {seconds:0.#} s per run (after a {seconds / 5:0.#} s warm-up)");
Console.WriteLine($"{"scenario",-12} {"callers",8} {"runtime calls/s",16} {"channel calls/s",16} {"runtime/channel",16} {"runtime B/call",15} {"channel B/call",15}");

foreach (var (name, actors, callers) in new[] { ("1 grain", 1, 16), ("10,000 grains", 10_000, 256) })
{
    var grains = Enumerable.Range(0, actors).Select(i => runtime.GetGrain<IBenchCounterGrain>($"g{i}")).ToArray();
    var channels = Enumerable.Range(0, actors).Select(_ => new ChannelActor()).ToArray();
    Func<int, Task<int>> grainCall = i => grains[i].Add(1);
    Func<int, Task<int>> channelCall = i => channels[i].Add(1);

    await Measure(grainCall, actors, callers, duration / 5); // warm-up: activations, JIT
    await Measure(channelCall, actors, callers, duration / 5);
    var (grainRate, grainBytes) = await Measure(grainCall, actors, callers, duration);
    var (channelRate, channelBytes) = await Measure(channelCall, actors, callers, duration);
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
