using Actors.Runtime.Timing;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Runtime.Tests;

/// <summary>Invariants checked over random inputs (FsCheck, called directly).</summary>
public sealed class Properties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(40);

    [Fact]
    public void Manual_clock_fires_every_due_timer_once_in_due_order_at_its_due_time()
    {
        Check.One(Runs, Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), dueSeconds =>
        {
            var clock = new ManualTimeProvider();
            var start = clock.GetUtcNow();
            var fired = new List<(int Index, TimeSpan At)>();
            var timers = dueSeconds.Select((due, i) =>
                clock.CreateTimer(_ => fired.Add((i, clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(due), Timeout.InfiniteTimeSpan)).ToList();

            clock.Advance(TimeSpan.FromSeconds(256));

            var expected = dueSeconds.Select((due, i) => (i, TimeSpan.FromSeconds(due))).OrderBy(x => x.Item2).ThenBy(x => x.i).ToList();
            timers.ForEach(t => t.Dispose());
            return fired.SequenceEqual(expected);
        }));
    }

    [Fact]
    public void Whatever_the_callers_each_callers_calls_run_in_order_and_no_two_turns_overlap()
    {
        var callers = Gen.Choose(1, 25).ArrayOf().Where(a => a.Length is > 0 and <= 6).ToArbitrary();
        Check.One(Runs, Prop.ForAll(callers, callCounts =>
        {
            using var silo = new SyncSilo();
            var grain = silo.Silo.Get<ITurnGrain>("p");
            Task.WhenAll(callCounts.Select((count, caller) => Task.Run(() =>
                Task.WhenAll(Enumerable.Range(0, count).Select(i => grain.Work(caller * 1000 + i)))))).Within().GetAwaiter().GetResult();

            var order = grain.Order().Within().GetAwaiter().GetResult();
            var perCallerInOrder = order.GroupBy(n => n / 1000).All(g => g.Select(n => n % 1000).SequenceEqual(Enumerable.Range(0, callCounts[g.Key])));
            return order.Count == callCounts.Sum() && perCallerInOrder && grain.MaxConcurrent().GetAwaiter().GetResult() == 1;
        }));
    }

    private sealed class SyncSilo : IDisposable
    {
        public TestSilo Silo { get; } = new();
        public void Dispose() => Silo.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
