using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Tests;

/// <summary>Decides whether the next activation of FragileGrain fails.</summary>
public sealed class ActivationFaults
{
    public int FailuresLeft;
    public int Attempts;
}

public interface IFragileGrain : IGrainWithStringKey
{
    Task<string> Hello();
}

public sealed class FragileGrain(ActivationFaults faults, Journal journal) : Grain, IFragileGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref faults.Attempts);
        if (Interlocked.Decrement(ref faults.FailuresLeft) >= 0)
            throw new InvalidOperationException($"cannot activate {this.GetPrimaryKeyString()}: backing store unavailable");
        journal.Add($"fragile active {this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public Task<string> Hello() => Task.FromResult("hello");
}

public interface ILeavingGrain : IGrainWithStringKey
{
    Task<int> InstanceNumber();
    Task LeaveAfterThis();
    Task StayFor(TimeSpan time);
}

public sealed class LeavingGrain(Journal journal) : Grain, ILeavingGrain
{
    private static int s_instances;
    private readonly int _instance = Interlocked.Increment(ref s_instances);

    public Task<int> InstanceNumber() => Task.FromResult(_instance);

    public Task LeaveAfterThis()
    {
        DeactivateOnIdle();
        journal.Add($"leaving {this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public Task StayFor(TimeSpan time)
    {
        DelayDeactivation(time);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Add($"left {this.GetPrimaryKeyString()} {reason.ReasonCode}");
        return Task.CompletedTask;
    }
}

/// <summary>A client some grains depend on, to show constructor injection.</summary>
public sealed class WeatherClient
{
    public string Forecast => "sunny";
}

public interface IServiceGrain : IGrainWithStringKey
{
    Task<string> Describe();
}

public sealed class ServiceGrain(ILogger<ServiceGrain> logger, TimeProvider clock, WeatherClient weather) : Grain, IServiceGrain
{
    public Task<string> Describe()
    {
        logger.LogInformation("Describing {Key}", this.GetPrimaryKeyString());
        return Task.FromResult($"{weather.Forecast} at {clock.GetUtcNow():O}");
    }
}

/// <summary>A grain whose activation counter is shared, to prove single activation.</summary>
public sealed class ActivationCount
{
    public int Value;
}

public interface ISingletonGrain : IGrainWithStringKey
{
    Task<int> Arrive();
}

public sealed class SingletonGrain(ActivationCount count) : Grain, ISingletonGrain
{
    private int _arrivals;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref count.Value);
        await Task.Yield(); // widen the window in which a second activation could sneak in
    }

    public Task<int> Arrive() => Task.FromResult(++_arrivals);
}
