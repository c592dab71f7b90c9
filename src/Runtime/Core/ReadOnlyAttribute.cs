namespace Actors.Runtime;

/// <summary>
/// The method does not change grain state: consecutive read-only calls in the mailbox
/// run concurrently with each other, never with other turns.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
