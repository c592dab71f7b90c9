using Actors.Grains.Rejections;

namespace Actors.Grains.Tests.Rejections;

public class RejectionLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly StepTarget Budget = new("PodDisruptionBudget", "kafka", "demo", StepRole.DisruptionBudget);
    private static readonly StepTarget Pod = new("Pod", "kafka", "demo-broker-0", StepRole.NodeObject);

    private static RejectionLedger Ledger() => new(new RetryBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)));

    private static Rejection NotServed(StepTarget target) => new(target, RejectionKind.NotServed, 404, "the server could not find the requested resource");

    [Fact]
    public void Only_the_first_of_identical_refusals_is_new()
    {
        var ledger = Ledger();

        Assert.True(ledger.Record(NotServed(Budget), T0));
        Assert.False(ledger.Record(NotServed(Budget), T0.AddSeconds(2)));
        Assert.False(ledger.Record(NotServed(Budget), T0.AddSeconds(6)));
    }

    [Fact]
    public void A_refusal_already_due_does_not_hide_a_later_retry()
    {
        var ledger = Ledger();
        ledger.Record(NotServed(Pod), T0);                 // due at T0 + 2 s, not retried since
        ledger.Record(NotServed(Budget), T0.AddSeconds(3)); // due at T0 + 5 s

        Assert.Equal(T0.AddSeconds(2), ledger.NextRetryAt);
        Assert.Equal(T0.AddSeconds(5), ledger.NextRetryAfter(T0.AddSeconds(3)));
        Assert.Null(ledger.NextRetryAfter(T0.AddSeconds(5)));
    }

    [Fact]
    public void A_different_answer_for_the_same_object_is_new()
    {
        var ledger = Ledger();
        ledger.Record(NotServed(Budget), T0);

        Assert.True(ledger.Record(new Rejection(Budget, RejectionKind.Forbidden, 403, "forbidden"), T0.AddSeconds(2)));
    }

    [Fact]
    public void A_refused_step_is_not_due_until_its_back_off_is_over_and_each_refusal_doubles_it()
    {
        var ledger = Ledger();
        var now = T0;
        var retries = new List<double>();
        for (var refusal = 0; refusal < 6; refusal++)
        {
            ledger.Record(NotServed(Budget), now);
            var next = ledger.NextRetryAt!.Value;
            Assert.False(ledger.IsDue(Budget, next.AddMilliseconds(-1)));
            Assert.True(ledger.IsDue(Budget, next));
            retries.Add((next - now).TotalSeconds);
            now = next;
        }

        Assert.Equal([2, 4, 8, 16, 30, 30], retries);
    }

    [Fact]
    public void A_changed_object_may_be_tried_at_once()
    {
        var ledger = Ledger();
        ledger.Record(NotServed(Budget), T0, attempted: "maxUnavailable: 1");

        Assert.False(ledger.IsDue(Budget, T0, "maxUnavailable: 1"));
        Assert.True(ledger.IsDue(Budget, T0, "maxUnavailable: 2"));
    }

    [Fact]
    public void An_accepted_write_clears_its_refusal_and_restarts_the_back_off()
    {
        var ledger = Ledger();
        ledger.Record(NotServed(Budget), T0);
        ledger.Record(NotServed(Budget), T0.AddSeconds(2));

        Assert.True(ledger.Clear(Budget));
        Assert.False(ledger.Clear(Budget));
        Assert.Empty(ledger.Current);
        Assert.Null(ledger.NextRetryAt);
        Assert.True(ledger.Record(NotServed(Budget), T0.AddSeconds(10)));
        Assert.Equal(T0.AddSeconds(12), ledger.NextRetryAt);
    }

    [Fact]
    public void A_refused_node_step_holds_the_coordinator_but_a_refused_budget_does_not()
    {
        var ledger = Ledger();
        ledger.Record(NotServed(Budget), T0);
        Assert.True(ledger.NodeStepsDue(T0));

        ledger.Record(new Rejection(Pod, RejectionKind.Forbidden, 403, "pods is forbidden"), T0);
        Assert.False(ledger.NodeStepsDue(T0.AddSeconds(1)));
        Assert.True(ledger.NodeStepsDue(T0.AddSeconds(2)));

        Assert.Equal([Pod], ledger.ClearNodeSteps());
        Assert.Equal([Budget], ledger.Current.Select(r => r.Target));
    }

    [Fact]
    public void Conflicts_are_counted_in_a_row_until_the_write_goes_through()
    {
        var ledger = Ledger();

        Assert.Equal(1, ledger.NoteConflict(Budget));
        Assert.Equal(2, ledger.NoteConflict(Budget));
        ledger.Clear(Budget);
        Assert.Equal(1, ledger.NoteConflict(Budget));
    }
}
