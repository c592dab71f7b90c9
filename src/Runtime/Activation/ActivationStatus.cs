namespace Actors.Runtime;

internal enum ActivationStatus
{
    /// <summary>Created in the directory; the grain instance does not exist yet.</summary>
    Creating,
    Activating,
    Active,
    Deactivating,
    /// <summary>Gone from the directory; turns still arriving are forwarded to the next activation.</summary>
    Dead,
}
