using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests;

public sealed class PersistentStateTests
{
    [Fact]
    public async Task Written_state_is_read_back_by_the_next_activation_before_OnActivateAsync()
    {
        await using var silo = new TestSilo();
        var account = silo.Get<IAccountGrain>("acc");
        await account.Deposit(40).Within();
        await account.Deposit(2).Within();

        await Restart(silo);

        Assert.Equal(42, await account.BalanceSeenByOnActivate().Within());
        Assert.True(await account.RecordExists());
    }

    [Fact]
    public async Task State_changed_but_not_written_is_lost_with_the_activation()
    {
        await using var silo = new TestSilo();
        var account = silo.Get<IAccountGrain>("acc");
        await account.Deposit(10).Within();
        await account.DepositWithoutSaving(5).Within();

        await Restart(silo);

        Assert.Equal(10, await account.Balance().Within());
    }

    [Fact]
    public async Task Every_write_changes_the_etag()
    {
        await using var silo = new TestSilo();
        var account = silo.Get<IAccountGrain>("acc");
        Assert.Null(await account.Etag().Within());
        Assert.False(await account.RecordExists());

        await account.Deposit(1);
        var first = await account.Etag();
        await account.Deposit(1);

        Assert.NotNull(first);
        Assert.NotEqual(first, await account.Etag());
    }

    [Fact]
    public async Task Writing_over_a_record_changed_by_someone_else_fails_with_InconsistentStateException()
    {
        await using var silo = new TestSilo();
        var account = silo.Get<IAccountGrain>("acc");
        await account.Deposit(10).Within();

        // Another writer (e.g. a second operator replica) updates the stored record.
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("store");
        var id = account.GetGrainId();
        var other = new Snapshot<Account>();
        await storage.ReadStateAsync("account", id, other);
        other.State.Balance = 1000;
        await storage.WriteStateAsync("account", id, other);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => account.Deposit(5).Within());
        Assert.Contains("AccountGrain/acc", error.Message);
        Assert.Equal(other.ETag, error.StoredEtag);
        Assert.NotEqual(error.StoredEtag, error.CurrentEtag);
    }

    [Fact]
    public async Task Clearing_removes_the_record()
    {
        await using var silo = new TestSilo();
        var account = silo.Get<IAccountGrain>("acc");
        await account.Deposit(10).Within();

        await account.Clear().Within();

        Assert.False(await account.RecordExists());
        Assert.Equal(0, await account.Balance());
        await Restart(silo);
        Assert.Equal(0, await account.Balance().Within());
    }

    [Fact]
    public async Task A_state_naming_an_unregistered_storage_fails_activation_with_the_storage_name()
    {
        await using var silo = new TestSilo();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Get<IOrphanStateGrain>("o").Read().Within());
        Assert.Contains("No grain storage named 'nowhere'", error.Message);
    }

    private static async Task Restart(TestSilo silo)
    {
        await silo.Runtime.StopAsync().Within();
        await silo.Runtime.StartAsync();
    }

    private sealed class Snapshot<T> : IGrainState<T> where T : new()
    {
        public T State { get; set; } = new();
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }
}

public interface IOrphanStateGrain : IGrainWithStringKey
{
    Task<int> Read();
}

public sealed class OrphanStateGrain([PersistentState("s", "nowhere")] IPersistentState<Account> state) : Grain, IOrphanStateGrain
{
    public Task<int> Read() => Task.FromResult(state.State.Balance);
}
