namespace Actors.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime creates it with dependency injection on the
/// first call to its identity, runs <see cref="OnActivateAsync"/>, then delivers calls one turn
/// at a time until the activation is collected, asked to deactivate, or the runtime stops.
/// </summary>
public abstract class Grain : IAddressable
{
    private readonly GrainActivation? _activation;

    protected Grain()
    {
        // Set by the runtime around construction; null when a test news up a grain by hand.
        _activation = GrainActivation.Constructing;
    }

    internal GrainActivation Activation =>
        _activation ?? throw new InvalidOperationException($"{GetType().Name} was not created by the actor runtime; it has no identity or activation.");

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => Activation.GrainId;

    protected IGrainFactory GrainFactory => Activation.Runtime;

    protected IServiceProvider ServiceProvider => Activation.Runtime.Services;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivate after the current turn; later calls go to a fresh activation.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation();

    /// <summary>Keep this activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => Activation.DelayDeactivation(timeSpan);

    /// <summary>
    /// A timer whose ticks are turns of this activation (never concurrent with a call unless
    /// <see cref="GrainTimerCreationOptions.Interleave"/>); the period counts from the end of a tick.
    /// Disposed with the activation.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(static (state, ct) => ((Func<CancellationToken, Task>)state!)(ct), callback, options);
    }

    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer((s, ct) => callback((TState)s!, ct), state, options);
    }

    protected IGrainTimer RegisterGrainTimer(Func<Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(static (state, _) => ((Func<Task>)state!)(), callback, options);
    }

    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer((s, _) => callback((TState)s!), state, options);
    }

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    protected IGrainTimer RegisterGrainTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));
}
