namespace Actors.Kubernetes;

// Shorthands for kinds that know their ResourceType: client.GetAsync<Pod>("web-0", "kafka").
public sealed partial class KubernetesClient
{
    public Task<T> GetAsync<T>(string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().GetAsync(name, @namespace, cancellationToken);

    public Task<T?> TryGetAsync<T>(string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().TryGetAsync(name, @namespace, cancellationToken);

    public Task<KubernetesList<T>> ListAsync<T>(string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().ListAsync(@namespace, options, cancellationToken);

    public Task<KubernetesList<T>> ListAllAsync<T>(string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().ListAllAsync(@namespace, options, cancellationToken);

    public Task<T> CreateAsync<T>(T item, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().CreateAsync(item, null, options, cancellationToken);

    public Task<T> ReplaceAsync<T>(T item, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().ReplaceAsync(item, options, cancellationToken);

    public Task<T> PatchAsync<T>(string name, string? @namespace, KubernetesPatch patch, PatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().PatchAsync(name, @namespace, patch, options, cancellationToken);

    public Task<T> ApplyAsync<T>(T intent, string fieldManager, bool force = false, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().ApplyAsync(intent, fieldManager, force, cancellationToken);

    public Task<T?> DeleteAsync<T>(string name, string? @namespace = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().DeleteAsync(name, @namespace, options, cancellationToken);

    public Task<T> ReplaceStatusAsync<T>(T item, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().ReplaceStatusAsync(item, options, cancellationToken);

    public Task<T> PatchStatusAsync<T>(string name, string? @namespace, KubernetesPatch patch, PatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().PatchStatusAsync(name, @namespace, patch, options, cancellationToken);

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(string? @namespace = null, WatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesResource => Resource<T>().WatchAsync(@namespace, options, cancellationToken);

    /// <summary>An informer (list + watch into an indexed cache) for a kind; call Start on it.</summary>
    public Informer<T> Informer<T>(InformerOptions? options = null, Microsoft.Extensions.Logging.ILogger? logger = null)
        where T : class, IKubernetesResource => new(Resource<T>(), options, logger);
}
