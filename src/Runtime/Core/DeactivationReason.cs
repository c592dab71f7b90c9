namespace Actors.Runtime;

public enum DeactivationReasonCode
{
    None,
    ShuttingDown,
    ActivationFailed,
    ApplicationRequested,
    ActivationIdle,
}

/// <summary>Why an activation is being deactivated, as passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description)
{
    public override string ToString() => $"{ReasonCode}: {Description}";
}
