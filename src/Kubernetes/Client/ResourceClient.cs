namespace Actors.Kubernetes;

/// <summary>
/// The verbs of one kind: get, list, create, replace, patch, apply, delete, the status
/// subresource and watch. Obtain it from <see cref="KubernetesClient.Resource{T}()"/>.
/// For cluster-scoped kinds pass a null namespace.
/// </summary>
public sealed class ResourceClient<T> where T : class, IKubernetesObject
{
    private readonly KubernetesClient _client;

    internal ResourceClient(KubernetesClient client, ResourceType type)
    {
        _client = client;
        Type = type;
    }

    public ResourceType Type { get; }

    public KubernetesClient Client => _client;

    public Task<T> GetAsync(string name, string? @namespace = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, Type.ObjectPath(name, @namespace), cancellationToken);

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> TryGetAsync(string name, string? @namespace = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(name, @namespace, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesNotFoundException)
        {
            return null;
        }
    }

    /// <summary>One page; follow <c>Metadata.Continue</c> for more, or use <see cref="ListAllAsync"/>.</summary>
    public Task<KubernetesList<T>> ListAsync(string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder(Type.CollectionPath(@namespace))
            .Add("labelSelector", options?.LabelSelector)
            .Add("fieldSelector", options?.FieldSelector)
            .Add("limit", options?.Limit)
            .Add("continue", options?.Continue)
            .Add("resourceVersion", options?.ResourceVersion)
            .Add("resourceVersionMatch", options?.ResourceVersionMatch)
            .Add("timeoutSeconds", options?.TimeoutSeconds);
        return SendAsync<KubernetesList<T>>(HttpMethod.Get, query.ToString(), cancellationToken);
    }

    /// <summary>
    /// Every page, as one list whose resourceVersion is that of the consistent snapshot the
    /// pages were served from (the place a watch resumes).
    /// </summary>
    public async Task<KubernetesList<T>> ListAllAsync(string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        var first = await ListAsync(@namespace, options, cancellationToken).ConfigureAwait(false);
        var next = first.Metadata.Continue;
        while (!string.IsNullOrEmpty(next))
        {
            // A continue token carries the snapshot; resourceVersion must not be sent with it.
            var page = await ListAsync(@namespace, options with { Continue = next, ResourceVersion = null, ResourceVersionMatch = null }, cancellationToken).ConfigureAwait(false);
            first.Items.AddRange(page.Items);
            next = page.Metadata.Continue;
        }
        first.Metadata.Continue = null;
        first.Metadata.RemainingItemCount = null;
        return first;
    }

    /// <summary>Creates the object in its metadata.namespace (or <paramref name="namespace"/>).</summary>
    public Task<T> CreateAsync(T item, string? @namespace = null, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        Stamp(item);
        var path = Write(new QueryBuilder(Type.CollectionPath(NamespaceOf(item, @namespace))), options);
        return SendAsync<T>(HttpMethod.Post, path, KubernetesJson.SerializeToUtf8(item), "application/json", cancellationToken);
    }

    /// <summary>PUT the whole object; its metadata.resourceVersion makes it fail with 409 if stale.</summary>
    public Task<T> ReplaceAsync(T item, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        Stamp(item);
        var path = Write(new QueryBuilder(Type.ObjectPath(NameOf(item), NamespaceOf(item, null))), options);
        return SendAsync<T>(HttpMethod.Put, path, KubernetesJson.SerializeToUtf8(item), "application/json", cancellationToken);
    }

    /// <summary>
    /// Read-modify-write with optimistic concurrency: reads the object, lets <paramref name="change"/>
    /// edit it, and replaces it; on 409 Conflict reads again and re-applies the change, up to
    /// <paramref name="attempts"/> times (client-go's RetryOnConflict). The change must be
    /// idempotent; returning false from it skips the write and returns the object as read.
    /// </summary>
    public async Task<T> UpdateAsync(string name, string? @namespace, Func<T, bool> change, int attempts = 5, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(name, @namespace, cancellationToken).ConfigureAwait(false);
            if (!change(current)) return current;
            try
            {
                return await ReplaceAsync(current, null, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesConflictException) when (attempt < attempts)
            {
                // Someone wrote in between: start again from their version.
            }
        }
    }

    public Task<T> PatchAsync(string name, string? @namespace, KubernetesPatch patch, PatchOptions? options = null, CancellationToken cancellationToken = default) =>
        PatchCoreAsync(Type.ObjectPath(name, @namespace), patch, options, cancellationToken);

    /// <summary>
    /// Server-side apply: the object holds exactly the fields <paramref name="fieldManager"/>
    /// owns; creates it when absent. <paramref name="force"/> takes fields over from other managers.
    /// </summary>
    public Task<T> ApplyAsync(T intent, string fieldManager, bool force = false, CancellationToken cancellationToken = default)
    {
        Stamp(intent);
        var path = Type.ObjectPath(NameOf(intent), NamespaceOf(intent, null));
        return PatchCoreAsync(path, KubernetesPatch.Apply(intent), new PatchOptions { FieldManager = fieldManager, Force = force }, cancellationToken);
    }

    /// <summary>
    /// Deletes the object. Returns it when deletion is pending (finalizers, graceful deletion),
    /// null when the server answered with a Status (it is gone).
    /// </summary>
    public async Task<T?> DeleteAsync(string name, string? @namespace = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = options is null ? null : KubernetesJson.SerializeToUtf8(options);
        var request = new KubernetesRequest(HttpMethod.Delete, Type.ObjectPath(name, @namespace), body, body is null ? null : "application/json");
        return await _client.SendAsync(request, static bytes =>
        {
            if (bytes.Length == 0) return null;
            var node = System.Text.Json.Nodes.JsonNode.Parse(bytes);
            return node?["kind"]?.GetValue<string>() == "Status" ? null : KubernetesJson.FromNode<T>(node!);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<T> GetStatusAsync(string name, string? @namespace = null, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, Type.ObjectPath(name, @namespace, "status"), cancellationToken);

    /// <summary>PUT to /status: only the status changes; resourceVersion guards it like any replace.</summary>
    public Task<T> ReplaceStatusAsync(T item, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        Stamp(item);
        var path = Write(new QueryBuilder(Type.ObjectPath(NameOf(item), NamespaceOf(item, null), "status")), options);
        return SendAsync<T>(HttpMethod.Put, path, KubernetesJson.SerializeToUtf8(item), "application/json", cancellationToken);
    }

    public Task<T> PatchStatusAsync(string name, string? @namespace, KubernetesPatch patch, PatchOptions? options = null, CancellationToken cancellationToken = default) =>
        PatchCoreAsync(Type.ObjectPath(name, @namespace, "status"), patch, options, cancellationToken);

    /// <summary>Server-side apply of the status subresource.</summary>
    public Task<T> ApplyStatusAsync(T intent, string fieldManager, bool force = false, CancellationToken cancellationToken = default)
    {
        Stamp(intent);
        var path = Type.ObjectPath(NameOf(intent), NamespaceOf(intent, null), "status");
        return PatchCoreAsync(path, KubernetesPatch.Apply(intent), new PatchOptions { FieldManager = fieldManager, Force = force }, cancellationToken);
    }

    /// <summary>
    /// Watches the collection, resuming across disconnects and server timeouts, and relisting
    /// after 410 Gone (delivered as one <see cref="WatchEventType.Relisted"/> event).
    /// </summary>
    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? @namespace = null, WatchOptions? options = null, CancellationToken cancellationToken = default) =>
        new Watcher<T>(this, @namespace, options ?? new WatchOptions()).RunAsync(cancellationToken);

    private Task<T> PatchCoreAsync(string path, KubernetesPatch patch, PatchOptions? options, CancellationToken cancellationToken)
    {
        var query = new QueryBuilder(path)
            .Add("fieldManager", options?.FieldManager)
            .Add("force", options?.Force ?? false)
            .Add("dryRun", options?.DryRun == true ? "All" : null)
            .Add("fieldValidation", options?.FieldValidation);
        return SendAsync<T>(HttpMethod.Patch, query.ToString(), patch.Body, patch.ContentType, cancellationToken);
    }

    private static string Write(QueryBuilder query, WriteOptions? options) => query
        .Add("fieldManager", options?.FieldManager)
        .Add("dryRun", options?.DryRun == true ? "All" : null)
        .Add("fieldValidation", options?.FieldValidation)
        .ToString();

    private Task<TResult> SendAsync<TResult>(HttpMethod method, string path, CancellationToken cancellationToken) =>
        SendAsync<TResult>(method, path, null, null, cancellationToken);

    private Task<TResult> SendAsync<TResult>(HttpMethod method, string path, byte[]? body, string? contentType, CancellationToken cancellationToken) =>
        _client.SendAsync(new KubernetesRequest(method, path, body, contentType), static bytes => KubernetesJson.Deserialize<TResult>(bytes), cancellationToken);

    /// <summary>Fills apiVersion and kind from the descriptor when the caller left them out.</summary>
    private void Stamp(T item)
    {
        if (string.IsNullOrEmpty(item.ApiVersion)) item.ApiVersion = Type.ApiVersion;
        if (string.IsNullOrEmpty(item.Kind)) item.Kind = Type.Kind;
    }

    private string NameOf(T item) =>
        item.Metadata.Name is { Length: > 0 } name ? name : throw new ArgumentException($"This {Type.Kind} has no metadata.name.");

    private string? NamespaceOf(T item, string? @namespace)
    {
        if (!Type.Namespaced) return null;
        var fromItem = item.Metadata.Namespace;
        if (!string.IsNullOrEmpty(@namespace) && !string.IsNullOrEmpty(fromItem) && fromItem != @namespace)
            throw new ArgumentException($"{Type.Kind} '{item.Metadata.Name}' says namespace '{fromItem}' but the call says '{@namespace}'.");
        var ns = string.IsNullOrEmpty(fromItem) ? @namespace : fromItem;
        if (string.IsNullOrEmpty(ns))
            throw new ArgumentException($"{Type.Kind} '{item.Metadata.Name ?? item.Metadata.GenerateName}' is namespaced but has no metadata.namespace.");
        return ns;
    }
}
