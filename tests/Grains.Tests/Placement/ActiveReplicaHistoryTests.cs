using Actors.Grains.Placement;

namespace Actors.Grains.Tests.Placement;

public class ActiveReplicaHistoryTests
{
    private const string A = "10.0.0.1:11111", B = "10.0.0.2:11111", C = "10.0.0.3:11111", D = "10.0.0.4:11111";
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_membership_that_does_not_change_is_one_set()
    {
        var history = new ActiveReplicaHistory();
        history.Saw([A, B, C], [], T0);
        history.Saw([C, B, A], [], T0.AddSeconds(5));

        Assert.Equal([new[] { A, B, C }], history.Recent(T0.AddMinutes(10)).Select(s => s.Order().ToArray()));
    }

    [Fact]
    public void A_replaced_set_is_kept_for_a_minute_and_the_current_one_always()
    {
        var history = new ActiveReplicaHistory();
        history.Saw([A, B, C], [], T0);
        history.Saw([A, B, C, D], [], T0.AddSeconds(10));

        Assert.Equal(2, history.Recent(T0.AddSeconds(10) + ActiveReplicaHistory.Remembered).Count);
        var later = history.Recent(T0.AddSeconds(11) + ActiveReplicaHistory.Remembered);
        Assert.Equal([A, B, C, D], Assert.Single(later).Order());
    }

    [Fact]
    public void A_flapping_membership_keeps_only_the_newest_sets()
    {
        var history = new ActiveReplicaHistory();
        for (var i = 0; i < 40; i++) history.Saw(i % 2 == 0 ? [A, B] : [A, B, $"10.0.1.{i}:11111"], [], T0.AddSeconds(i));

        var recent = history.Recent(T0.AddSeconds(40));
        Assert.Equal(ActiveReplicaHistory.MostSets, recent.Count);
        Assert.Equal([A, B, "10.0.1.39:11111"], recent[^1].Order());
    }

    [Fact]
    public void A_replica_seen_only_joining_was_never_active_and_one_seen_leaving_was()
    {
        var history = new ActiveReplicaHistory();
        history.Saw([A, B], [C], T0); // C shutting down when this replica first looked

        Assert.True(history.WasActive(A));
        Assert.True(history.WasActive(C));
        Assert.False(history.WasActive(D)); // joining, then dead: no grain was ever placed on it
    }

    [Fact]
    public void A_buried_replica_is_forgotten_unless_it_is_active_again_under_its_name()
    {
        var history = new ActiveReplicaHistory();
        history.Saw([A, B, C], [], T0);
        history.Saw([A, B], [], T0.AddSeconds(1));
        history.Saw([A, B, C], [], T0.AddSeconds(2)); // C restarted at its address, then its old process is declared dead
        history.Buried([C]);
        Assert.True(history.WasActive(C));

        history.Saw([A, C], [], T0.AddSeconds(3));
        history.Buried([B]);
        Assert.False(history.WasActive(B));
    }
}
