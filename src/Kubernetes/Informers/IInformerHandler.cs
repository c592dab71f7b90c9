namespace Actors.Kubernetes;

/// <summary>
/// Told of every change of an informer's cache, one call at a time and in order. Level-based
/// consumers only need the object's key: the cache already holds the latest state.
/// </summary>
public interface IInformerHandler<in T> where T : class
{
    ValueTask OnAddAsync(T item, CancellationToken cancellationToken);

    /// <summary>Also called with old == new at every resync period.</summary>
    ValueTask OnUpdateAsync(T old, T current, CancellationToken cancellationToken);

    ValueTask OnDeleteAsync(T item, CancellationToken cancellationToken);

    /// <summary>An object of the kind exists but cannot be read; it is not in the cache. Ignored unless overridden.</summary>
    ValueTask OnUndecodableAsync(UndecodableObject item, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>An <see cref="IInformerHandler{T}"/> made of delegates; missing ones do nothing.</summary>
public sealed class InformerHandler<T>(
    Action<T>? onAdd = null,
    Action<T, T>? onUpdate = null,
    Action<T>? onDelete = null) : IInformerHandler<T> where T : class
{
    public ValueTask OnAddAsync(T item, CancellationToken cancellationToken)
    {
        onAdd?.Invoke(item);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnUpdateAsync(T old, T current, CancellationToken cancellationToken)
    {
        onUpdate?.Invoke(old, current);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnDeleteAsync(T item, CancellationToken cancellationToken)
    {
        onDelete?.Invoke(item);
        return ValueTask.CompletedTask;
    }
}
