using BenchmarkDotNet.Attributes;

namespace Actors.Runtime.Bench;

/// <summary>
/// The same calls through an Orleans grain and through the bare <see cref="ChannelActor"/>
/// baseline. One benchmark operation is one call; an invocation is <see cref="Calls"/> calls
/// spread over the scenario's callers.
/// </summary>
[MemoryDiagnoser]
public class CallBenchmarks
{
    // Divisible by every scenario's caller count (1, 16, 256).
    public const int Calls = 25_600;

    private InProcessSilo? _silo;
    private IBenchCounterGrain[] _grains = [];
    private ChannelActor[] _channels = [];
    private Callers _callers = null!;

    [ParamsSource(nameof(Scenarios))]
    public Scenario Scenario { get; set; } = Scenario.All[0];

    public static IEnumerable<Scenario> Scenarios => Scenario.All;

    // Setup and cleanup block: BenchmarkDotNet 0.14's in-process toolchain does not await a
    // Task-returning setup and would start measuring before the silo is up.
    [GlobalSetup(Target = nameof(GrainCall))]
    public void StartSilo()
    {
        var silo = _silo = InProcessSilo.StartAsync().GetAwaiter().GetResult();
        _grains = Enumerable.Range(0, Scenario.Actors).Select(i => silo.Grains.GetGrain<IBenchCounterGrain>($"g{i}")).ToArray();
        Task.WhenAll(_grains.Select(grain => grain.Add(0))).GetAwaiter().GetResult(); // activate them all before measuring
        _callers = new Callers(Scenario.Actors, Scenario.Callers);
    }

    [GlobalCleanup(Target = nameof(GrainCall))]
    public void StopSilo() => _silo?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(ChannelCall))]
    public void StartChannels()
    {
        _channels = Enumerable.Range(0, Scenario.Actors).Select(_ => new ChannelActor()).ToArray();
        _callers = new Callers(Scenario.Actors, Scenario.Callers);
    }

    [GlobalCleanup(Target = nameof(ChannelCall))]
    public void StopChannels()
    {
        foreach (var channel in _channels) channel.Stop();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public Task ChannelCall() => _callers.Run(i => _channels[i].Add(1), Calls / Scenario.Callers);

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task GrainCall() => _callers.Run(i => _grains[i].Add(1), Calls / Scenario.Callers);
}
