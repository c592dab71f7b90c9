namespace Actors.Runtime.Tests;

public sealed class Account
{
    public int Balance { get; set; }
    public List<string> History { get; set; } = [];
}

public interface IAccountGrain : IGrainWithStringKey
{
    Task<int> Deposit(int amount);
    Task DepositWithoutSaving(int amount);
    Task<int> Balance();
    Task<string?> Etag();
    Task<bool> RecordExists();
    Task<int> BalanceSeenByOnActivate();
    Task Clear();
    Task Leave();
}

public sealed class AccountGrain([PersistentState("account", "store")] IPersistentState<Account> account) : Grain, IAccountGrain
{
    private int _balanceSeenByOnActivate = -1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _balanceSeenByOnActivate = account.State.Balance;
        return Task.CompletedTask;
    }

    public async Task<int> Deposit(int amount)
    {
        account.State.Balance += amount;
        account.State.History.Add($"+{amount}");
        await account.WriteStateAsync();
        return account.State.Balance;
    }

    public Task DepositWithoutSaving(int amount)
    {
        account.State.Balance += amount;
        return Task.CompletedTask;
    }

    public Task<int> Balance() => Task.FromResult(account.State.Balance);
    public Task<string?> Etag() => Task.FromResult(account.Etag);
    public Task<bool> RecordExists() => Task.FromResult(account.RecordExists);
    public Task<int> BalanceSeenByOnActivate() => Task.FromResult(_balanceSeenByOnActivate);
    public Task Clear() => account.ClearStateAsync();

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
