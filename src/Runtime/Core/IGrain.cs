namespace Actors.Runtime;

/// <summary>Anything that has a grain identity: a grain or a reference to one.</summary>
public interface IAddressable;

/// <summary>Marker for grain interfaces. Methods return Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain whose key is a string (e.g. "namespace/name/0").</summary>
public interface IGrainWithStringKey : IGrain;
