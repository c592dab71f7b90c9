using FsCheck;
using FsCheck.Fluent;

namespace Actors.Runtime.Tests;

/// <summary>Invariants checked over random inputs (FsCheck properties, run by FsCheck.Xunit).</summary>
public sealed class Properties
{
    [SeededProperty(MaxTest = 40)]
    public Property Whatever_the_callers_each_callers_calls_run_in_order_and_no_two_turns_overlap()
    {
        var callers = Gen.Choose(1, 25).ArrayOf().Where(a => a.Length is > 0 and <= 6).ToArbitrary();
        return Prop.ForAll(callers, callCounts =>
        {
            using var silo = new SyncSilo();
            var grain = silo.Silo.Get<ITurnGrain>("p");
            Task.WhenAll(callCounts.Select((count, caller) => Task.Run(() =>
                Task.WhenAll(Enumerable.Range(0, count).Select(i => grain.Work(caller * 1000 + i)))))).Within().GetAwaiter().GetResult();

            var order = grain.Order().Within().GetAwaiter().GetResult();
            var perCallerInOrder = order.GroupBy(n => n / 1000).All(g => g.Select(n => n % 1000).SequenceEqual(Enumerable.Range(0, callCounts[g.Key])));
            return order.Count == callCounts.Sum() && perCallerInOrder && grain.MaxConcurrent().GetAwaiter().GetResult() == 1;
        });
    }

    private sealed class SyncSilo : IDisposable
    {
        public TestSilo Silo { get; } = new();
        public void Dispose() => Silo.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
