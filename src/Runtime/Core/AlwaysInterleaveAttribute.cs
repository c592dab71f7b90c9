namespace Actors.Runtime;

/// <summary>
/// The method may run while any other turn of the activation is running (Orleans semantics).
/// Use it for calls that must never wait, e.g. callbacks in A → B → A call chains.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
