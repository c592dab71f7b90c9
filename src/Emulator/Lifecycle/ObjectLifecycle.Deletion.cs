using System.Text.Json.Nodes;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Lifecycle;

/// <summary>
/// Deletion: finalizers hold an object with a deletionTimestamp until the last one is removed; pods
/// bound to a node terminate gracefully; deleting a namespace deletes its contents; owners take
/// their dependents with them (background), before them (foreground) or leave them (orphan).
/// </summary>
public sealed partial class ObjectLifecycle
{
    const string ForegroundDeletion = "foregroundDeletion";
    const string Orphan = "orphan";
    const string GarbageCollector = "system:serviceaccount:kube-system:generic-garbage-collector";

    /// <summary>Deletes (or starts deleting) an object; returns it as it is after the call.</summary>
    public JsonObject Delete(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        lock (store.Gate)
        {
            var current = store.Get(type.StorageKey, ns, name) ?? throw ApiError.NotFound(type, name);
            if (options.PreconditionUid is { } uid && uid != current.Uid())
                throw new ApiError(409, "Conflict",
                    $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid()}")
                { Resource = type, Name = name };
            if (options.PreconditionResourceVersion is { } rv && rv != current.ResourceVersion())
                throw ApiError.Conflict(type, name);

            var next = current.CloneObject();
            var finalizers = next.Finalizers();
            var policy = options.PropagationPolicy ?? "Background";
            if (policy == "Foreground" && !finalizers.Contains(ForegroundDeletion) && HasDependents(current)) finalizers.Add(ForegroundDeletion);
            if (policy == "Orphan" && !finalizers.Contains(Orphan)) finalizers.Add(Orphan);
            next.SetFinalizers(finalizers);

            var grace = GracePeriod(type, current, options);
            if (finalizers.Count == 0 && grace == 0 && !IsNamespace(type))
            {
                if (options.DryRun) return current;
                return RemoveNow(type, current, options.User, options.UserAgent);
            }
            var meta = next.Meta();
            if (!current.IsDeleting())
            {
                meta["deletionTimestamp"] = ObjectMeta.Timestamp(time.GetUtcNow().AddSeconds(grace));
                meta["deletionGracePeriodSeconds"] = grace;
                if (IsNamespace(type)) next.Child("status")["phase"] = "Terminating";
            }
            else if (grace < (current.Number("metadata", "deletionGracePeriodSeconds") ?? 0))
            {
                meta["deletionTimestamp"] = ObjectMeta.Timestamp(time.GetUtcNow().AddSeconds(grace));
                meta["deletionGracePeriodSeconds"] = grace;
            }
            if (options.DryRun) return next;
            if (Json.Same(next, current)) return current;
            var stored = store.Put(type.StorageKey, next);
            Audit("delete", type, stored, null, options.User, userAgent: options.UserAgent);
            if (grace > 0 && stored.DeletionTimestamp() != current.DeletionTimestamp()) ScheduleRemoval(type, stored, grace);
            if (finalizers.Contains(Orphan)) OrphanDependents(stored);
            if (finalizers.Contains(ForegroundDeletion)) DeleteDependents(stored, "Foreground");
            if (IsNamespace(type)) EmptyNamespace(stored.Name());
            if (type.StorageKey == ClaimsKey && ns is not null) ReleaseUnusedClaims(ns);
            FinishDeletionIfReady(type, store.Get(type.StorageKey, ns, name) ?? stored, options.User, options.UserAgent);
            return store.Get(type.StorageKey, ns, name) ?? stored;
        }
    }

    static bool IsNamespace(ResourceType type) => type.StorageKey == "/namespaces";

    static long GracePeriod(ResourceType type, JsonObject pod, DeleteOptions options)
    {
        if (type.StorageKey != "/pods") return 0;
        var unbound = pod.Text("spec", "nodeName") is null or "";
        var finished = pod.Text("status", "phase") is "Succeeded" or "Failed";
        if (unbound || finished) return 0;
        return Math.Max(0, options.GracePeriodSeconds ?? pod.Number("spec", "terminationGracePeriodSeconds") ?? 30);
    }

    /// <summary>A deleting object with no finalizers left goes away once its grace period (pods) is over.</summary>
    void FinishDeletionIfReady(ResourceType type, JsonObject obj, string user, string? userAgent = null)
    {
        if (!obj.IsDeleting() || obj.Finalizers().Count > 0) return;
        if (IsNamespace(type) && NamespaceHasContent(obj.Name())) return;
        if (type.StorageKey == "/pods" && (obj.Number("metadata", "deletionGracePeriodSeconds") ?? 0) > 0) return;
        RemoveNow(type, obj, user, userAgent);
    }

    void ScheduleRemoval(ResourceType type, JsonObject pod, long graceSeconds)
    {
        var uid = pod.Uid();
        var (ns, name) = (pod.Namespace(), pod.Name());
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            lock (store.Gate)
            {
                var now = store.Get(type.StorageKey, ns, name);
                if (now is null || now.Uid() != uid || !now.IsDeleting()) return;
                // A registered node has a kubelet: it, not the API server, removes the pod (grace 0)
                // once its containers stopped, so a pod on a lost node stays Terminating, as in Kubernetes.
                if (OnRegisteredNode(now)) return;
                var expired = now.CloneObject();
                expired.Meta()["deletionGracePeriodSeconds"] = 0;
                var stored = store.Put(type.StorageKey, expired);
                Audit("delete", type, stored, null, "system:grace-period-expired");
                FinishDeletionIfReady(type, stored, "system:grace-period-expired");
            }
            lock (timers) { if (timer is not null) { timers.Remove(timer); timer.Dispose(); } }
        }, null, TimeSpan.FromSeconds(graceSeconds), Timeout.InfiniteTimeSpan);
        lock (timers) timers.Add(timer);
    }

    bool OnRegisteredNode(JsonObject pod) =>
        pod.Text("spec", "nodeName") is { Length: > 0 } node && store.Get("/nodes", null, node) is not null;

    JsonObject RemoveNow(ResourceType type, JsonObject obj, string user, string? userAgent = null)
    {
        var gone = store.Remove(type.StorageKey, obj.Namespace(), obj.Name()) ?? obj;
        Audit("delete", type, gone, null, user, removed: true, userAgent: userAgent);
        if (type.StorageKey == "apiextensions.k8s.io/customresourcedefinitions") RemoveCustomResources(gone);
        CollectDependents(gone);
        ReleaseForegroundOwners(gone);
        if (type.StorageKey == PodsKey && gone.Namespace() is { } podNamespace) ReleaseUnusedClaims(podNamespace);
        if (type.StorageKey == ServiceAccountsKey && gone.Name() == DefaultServiceAccount && gone.Namespace() is { } accountNamespace)
            RecreateDefaultServiceAccountLater(accountNamespace);
        if (gone.Namespace() is { } ns) FinishNamespaceIfEmpty(ns);
        return gone;
    }

    void RemoveCustomResources(JsonObject crd)
    {
        catalog.Remove(crd.Name());
        var key = $"{crd.Text("spec", "group")}/{crd.Text("spec", "names", "plural")}";
        foreach (var cr in store.List(key, null)) store.Remove(key, cr.Namespace(), cr.Name());
    }

    // ---- garbage collection -------------------------------------------------------------------

    IEnumerable<(string Key, JsonObject Obj)> AllObjects() =>
        store.StorageKeys().SelectMany(k => store.List(k, null).Select(o => (k, o)));

    IEnumerable<(string Key, JsonObject Obj)> DependentsOf(string uid) =>
        AllObjects().Where(x => x.Obj.OwnerReferences().Any(r => r.Text("uid") == uid));

    bool HasDependents(JsonObject owner) => owner.Uid() is { } uid && DependentsOf(uid).Any();

    bool OwnerExists(string? uid) => uid is not null && AllObjects().Any(x => x.Obj.Uid() == uid);

    /// <summary>Background collection: a dependent whose owners are all gone is deleted; one with a surviving owner loses the dangling reference.</summary>
    void CollectDependents(JsonObject gone)
    {
        if (gone.Uid() is not { } uid) return;
        foreach (var (key, dependent) in DependentsOf(uid).ToList())
        {
            var type = catalog.ByStorageKey(key);
            if (type is null) continue;
            var remaining = dependent.OwnerReferences().Where(r => r.Text("uid") != uid && OwnerExists(r.Text("uid"))).ToList();
            if (remaining.Count == 0)
            {
                if (store.Get(key, dependent.Namespace(), dependent.Name()) is not null && !dependent.IsDeleting())
                    Delete(type, dependent.Namespace(), dependent.Name(), new DeleteOptions(GarbageCollector, PropagationPolicy: "Background"));
            }
            else DropOwnerReference(key, type, dependent, uid);
        }
    }

    void DeleteDependents(JsonObject owner, string policy)
    {
        foreach (var (key, dependent) in DependentsOf(owner.Uid()!).ToList())
            if (catalog.ByStorageKey(key) is { } type && !dependent.IsDeleting())
                Delete(type, dependent.Namespace(), dependent.Name(), new DeleteOptions(GarbageCollector, PropagationPolicy: policy));
    }

    void OrphanDependents(JsonObject owner)
    {
        foreach (var (key, dependent) in DependentsOf(owner.Uid()!).ToList())
            if (catalog.ByStorageKey(key) is { } type) DropOwnerReference(key, type, dependent, owner.Uid()!);
        RemoveFinalizer(owner, Orphan);
    }

    /// <summary>A foreground-deleting owner is released once its last dependent is gone.</summary>
    void ReleaseForegroundOwners(JsonObject gone)
    {
        foreach (var reference in gone.OwnerReferences())
        {
            var owner = AllObjects().FirstOrDefault(x => x.Obj.Uid() == reference.Text("uid")).Obj;
            if (owner is null || !owner.Finalizers().Contains(ForegroundDeletion) || HasDependents(owner)) continue;
            RemoveFinalizer(owner, ForegroundDeletion);
        }
    }

    void RemoveFinalizer(JsonObject obj, string finalizer)
    {
        var key = AllObjects().First(x => x.Obj.Uid() == obj.Uid()).Key;
        var type = catalog.ByStorageKey(key);
        var current = store.Get(key, obj.Namespace(), obj.Name());
        if (type is null || current is null) return;
        var next = current.CloneObject();
        next.SetFinalizers(current.Finalizers().Where(f => f != finalizer));
        var stored = store.Put(key, next);
        Audit("update", type, stored, null, GarbageCollector);
        FinishDeletionIfReady(type, stored, GarbageCollector);
    }

    void DropOwnerReference(string key, ResourceType type, JsonObject dependent, string ownerUid)
    {
        var current = store.Get(key, dependent.Namespace(), dependent.Name());
        if (current is null) return;
        var next = current.CloneObject();
        var refs = current.OwnerReferences().Where(r => r.Text("uid") != ownerUid).Select(r => (JsonNode?)r.DeepClone()).ToArray();
        if (refs.Length == 0) next.Meta().Remove("ownerReferences");
        else next.Meta()["ownerReferences"] = new JsonArray(refs);
        var stored = store.Put(key, next);
        Audit("update", type, stored, null, GarbageCollector);
    }

    // ---- namespaces -----------------------------------------------------------------------------

    bool NamespaceHasContent(string ns) =>
        store.StorageKeys().Any(k => catalog.ByStorageKey(k) is { Namespaced: true } && store.List(k, ns).Count > 0);

    void EmptyNamespace(string ns)
    {
        foreach (var key in store.StorageKeys().ToList())
        {
            if (catalog.ByStorageKey(key) is not { Namespaced: true } type) continue;
            foreach (var obj in store.List(key, ns))
                if (!obj.IsDeleting()) Delete(type, ns, obj.Name(), new DeleteOptions("system:serviceaccount:kube-system:namespace-controller"));
        }
    }

    void FinishNamespaceIfEmpty(string ns)
    {
        var nsType = catalog.Find("", "v1", "namespaces")!;
        if (store.Get(nsType.StorageKey, null, ns) is { } namespaceObject && namespaceObject.IsDeleting())
            FinishDeletionIfReady(nsType, namespaceObject, "system:serviceaccount:kube-system:namespace-controller");
    }
}
