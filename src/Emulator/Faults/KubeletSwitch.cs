namespace Actors.Emulator.Faults;

/// <summary>
/// Whether the simulated kubelet may act. Tests pause it to hold pods where they are (no scheduling,
/// no status progress, no grace-0 deletions); the kubelet reads <see cref="Paused"/> before each step.
/// </summary>
public sealed class KubeletSwitch
{
    volatile bool paused;

    public bool Paused
    {
        get => paused;
        set
        {
            if (paused == value) return;
            paused = value;
            Changed?.Invoke(value);
        }
    }

    /// <summary>Raised with the new value whenever the switch flips.</summary>
    public event Action<bool>? Changed;
}
