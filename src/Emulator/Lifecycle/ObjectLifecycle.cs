using System.Text.Json.Nodes;
using Actors.Emulator.Audit;
using Actors.Emulator.Handlers;
using Actors.Emulator.Patching;
using Actors.Emulator.Storage;
using Actors.Emulator.Validation;

namespace Actors.Emulator.Lifecycle;

/// <summary>
/// The API server's write semantics over the raw store: uid and timestamps on create, optimistic
/// concurrency, generation, the status subresource, CRD schemas, managedFields, finalizers,
/// graceful pod deletion, namespace termination and ownerReference garbage collection.
/// Every method runs under the store's lock, so each request is one atomic step.
/// </summary>
public sealed partial class ObjectLifecycle : IDisposable
{
    readonly ObjectStore store;
    readonly ResourceCatalog catalog;
    readonly AuditLog audit;
    readonly TimeProvider time;
    readonly List<ITimer> timers = new();
    int servicesCreated;

    internal ObjectLifecycle(ObjectStore store, ResourceCatalog catalog, AuditLog audit, TimeProvider time)
    {
        this.store = store;
        this.catalog = catalog;
        this.audit = audit;
        this.time = time;
    }

    string Now => ObjectMeta.Timestamp(time.GetUtcNow());

    public JsonObject? Get(ResourceType type, string? ns, string name) => store.Get(type.StorageKey, ns, name);

    public JsonObject Create(ResourceType type, string? ns, JsonObject body, WriteOptions options, string verb = "create")
    {
        lock (store.Gate)
        {
            var obj = body.CloneObject();
            obj["apiVersion"] = type.GroupVersion;
            obj["kind"] = type.Kind;
            var meta = obj.Meta();
            if (obj.Name().Length == 0 && meta.Text("generateName") is { } prefix)
                meta["name"] = prefix + RandomSuffix();
            CheckNamespace(type, ns, obj);
            Admission.CheckName(type, obj);
            if (store.Get(type.StorageKey, ns, obj.Name()) is not null) throw ApiError.AlreadyExists(type, obj.Name());
            foreach (var key in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds" })
                meta.Remove(key);
            if (verb != "apply") meta.Remove("managedFields");
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Now;
            meta["generation"] = 1;
            if (ns is not null) meta["namespace"] = ns;
            // With a status subresource, status is the controllers' to write: a create cannot set it
            // (a Node is the exception: its kubelet registers it with its status).
            if (type.HasStatus && type.StorageKey != "/nodes") obj.Remove("status");
            if (type.Plural == "services" && type.Group.Length == 0) servicesCreated++;
            Admission.DefaultOnCreate(type, obj, servicesCreated);
            AdmitServiceAccount(type, ns, obj);
            ProtectClaim(type, obj);
            CheckMetadata(type, obj);
            TimePrecision.Truncate(type, obj);
            if (type.StorageKey == "apiextensions.k8s.io/customresourcedefinitions")
                CustomResourceDefinitions.MarkEstablished(obj, Now);
            CheckSchema(type, obj, options);
            if (verb != "apply")
                ManagedFieldsEntry.Write(obj, UpdateOwnership.Record(type, null, obj, [], options.FieldManager, null, Now));
            if (options.DryRun) return obj;
            EtcdRequestLimit.Check(obj);
            var stored = store.Put(type.StorageKey, obj);
            Audit(verb, type, stored, null, options.User, userAgent: options.UserAgent);
            AfterCreate(type, stored, options.User);
            return stored;
        }
    }

    /// <summary>
    /// Updates an object (PUT, PATCH, apply): <paramref name="change"/> turns the current object into the
    /// proposed one. Returns the stored result and whether it was created (apply on an absent object).
    /// </summary>
    public (JsonObject Result, bool Created) Update(ResourceType type, string? ns, string name, string? subresource,
        Func<JsonObject?, JsonObject> change, WriteOptions options, string verb, bool requireResourceVersion = false)
    {
        lock (store.Gate)
        {
            var current = store.Get(type.StorageKey, ns, name);
            if (current is null)
            {
                if (verb != "apply" || subresource is not null) throw ApiError.NotFound(type, name);
                var fresh = change(null);
                fresh.Meta()["name"] = name;
                return (Create(type, ns, fresh, options, "apply"), true);
            }
            var proposed = change(current.CloneObject());
            var meta = proposed.Meta();
            if (meta.Text("name") is { } n && n != name)
                throw ApiError.BadRequest($"the name of the object ({n}) does not match the name on the URL ({name})");
            var rv = meta.Text("resourceVersion");
            if (requireResourceVersion && string.IsNullOrEmpty(rv) && type.IsCustom)
                throw ApiError.Invalid(type, name, [new("FieldValueInvalid", "Invalid value: 0x0: must be specified for an update", "metadata.resourceVersion")]);
            if (!string.IsNullOrEmpty(rv) && rv != current.ResourceVersion()) throw ApiError.Conflict(type, name);

            var next = Merge(type, current, proposed, subresource);
            if (current.IsDeleting() && next.Finalizers().Except(current.Finalizers()).ToList() is { Count: > 0 } added)
                throw ApiError.Invalid(type, name, [new("FieldValueForbidden",
                    $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(f => $"\"{f}\""))}}}",
                    "metadata.finalizers")]);
            if (type.IsCustom) StructuralSchema.ApplyDefaults(next, type.Schema ?? new JsonObject());
            if (SpecChanged(type, current, next)) next.Meta()["generation"] = (current.Number("metadata", "generation") ?? 1) + 1;
            CheckSchema(type, next, options);
            CheckMetadata(type, next);
            TimePrecision.Truncate(type, next);
            if (verb != "apply")
                ManagedFieldsEntry.Write(next, UpdateOwnership.Record(type, current, next, ManagedFieldsEntry.Read(current),
                    options.FieldManager, subresource, Now));
            if (SameIgnoringBookkeeping(current, next)) return (current, false);
            if (options.DryRun) return (next, false);
            EtcdRequestLimit.Check(next);
            var stored = store.Put(type.StorageKey, next);
            Audit(verb, type, stored, subresource, options.User, userAgent: options.UserAgent);
            AfterUpdate(type, current, stored, options.User);
            return (store.Get(type.StorageKey, ns, name) ?? stored, false);
        }
    }

    /// <summary>What a write may change: the status subresource only changes status; the main resource never does when a status subresource exists.</summary>
    static JsonObject Merge(ResourceType type, JsonObject current, JsonObject proposed, string? subresource)
    {
        JsonObject next;
        if (subresource == "status")
        {
            next = current.CloneObject();
            if (proposed["status"] is { } status) next["status"] = status.DeepClone();
            else next.Remove("status");
            next.Meta()["managedFields"] = proposed.At("metadata", "managedFields")?.DeepClone();
            if (next.Meta()["managedFields"] is null) next.Meta().Remove("managedFields");
            return next;
        }
        next = proposed.CloneObject();
        next["apiVersion"] = type.GroupVersion;
        next["kind"] = type.Kind;
        if (type.HasStatus)
        {
            if (current["status"] is { } status) next["status"] = status.DeepClone();
            else next.Remove("status");
        }
        var meta = next.Meta();
        var old = current.Meta();
        foreach (var key in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion" })
        {
            if (old[key] is { } v) meta[key] = v.DeepClone();
            else meta.Remove(key);
        }
        return next;
    }

    static bool SpecChanged(ResourceType type, JsonObject before, JsonObject after)
    {
        if (!type.IsCustom) return !Json.Same(before["spec"], after["spec"]);
        var a = before.CloneObject();
        var b = after.CloneObject();
        foreach (var o in new[] { a, b })
        {
            o.Remove("metadata");
            if (type.HasStatus) o.Remove("status");
        }
        return !Json.Same(a, b);
    }

    static bool SameIgnoringBookkeeping(JsonObject a, JsonObject b)
    {
        var x = a.CloneObject();
        var y = b.CloneObject();
        foreach (var o in new[] { x, y })
        {
            o.Meta().Remove("resourceVersion");
        }
        return Json.Same(x, y);
    }

    void CheckSchema(ResourceType type, JsonObject obj, WriteOptions options)
    {
        if (!type.IsCustom || type.Schema is null) return;
        StructuralSchema.ApplyDefaults(obj, type.Schema);
        var unknown = StructuralSchema.Prune(obj, type.Schema);
        if (unknown.Count > 0 && options.Validation == FieldValidation.Strict)
            throw StrictDecodingError(type, obj.Name(), unknown.Select(u => $"unknown field \"{u}\""));
        if (options.Validation == FieldValidation.Warn)
            options.Warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
        var causes = StructuralSchema.Validate(obj, type.Schema);
        if (causes.Count > 0) throw ApiError.Invalid(type, obj.Name(), causes);
    }

    /// <summary>What kube-apiserver answers under fieldValidation=Strict when a body has unknown or repeated fields.</summary>
    public static ApiError StrictDecodingError(ResourceType type, string name, IEnumerable<string> problems) =>
        new(400, "BadRequest",
            $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", problems)}")
        { Resource = type, Name = name };

    static void CheckMetadata(ResourceType type, JsonObject obj)
    {
        var causes = MetadataValidation.Check(obj);
        if (causes.Count > 0) throw ApiError.Invalid(type, obj.Name(), causes);
    }

    void CheckNamespace(ResourceType type, string? ns, JsonObject obj)
    {
        if (!type.Namespaced)
        {
            obj.Meta().Remove("namespace");
            return;
        }
        if (ns is null) throw ApiError.BadRequest("the namespace of the object must be given in the URL");
        if (obj.Namespace() is { } given && given != ns)
            throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        var nsType = catalog.Find("", "v1", "namespaces")!;
        var namespaceObject = store.Get(nsType.StorageKey, null, ns) ?? throw ApiError.NotFound(nsType, ns);
        if (namespaceObject.IsDeleting())
            throw new ApiError(403, "Forbidden",
                $"{type.QualifiedName} \"{obj.Name()}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated")
            { Resource = type, Name = obj.Name() };
    }

    void AfterCreate(ResourceType type, JsonObject stored, string user)
    {
        if (type.StorageKey == "apiextensions.k8s.io/customresourcedefinitions")
            catalog.Define(stored.Name(), CustomResourceDefinitions.ServedTypes(stored));
        if (type.StorageKey == "/namespaces") EnsureDefaultServiceAccount(stored.Name());
    }

    void AfterUpdate(ResourceType type, JsonObject before, JsonObject after, string user)
    {
        if (type.StorageKey == "apiextensions.k8s.io/customresourcedefinitions" && !after.IsDeleting())
            catalog.Define(after.Name(), CustomResourceDefinitions.ServedTypes(after));
        if (after.IsDeleting()) FinishDeletionIfReady(type, after, user);
        // A pod that has stopped no longer holds its claims.
        if (type.StorageKey == PodsKey && after.Namespace() is { } ns) ReleaseUnusedClaims(ns);
    }

    // Stored objects are never mutated in place (every write stores a fresh clone), so the record can share them.
    void Audit(string verb, ResourceType type, JsonObject obj, string? subresource, string user, bool removed = false, string? userAgent = null) =>
        audit.Add(time.GetUtcNow(), verb, type.Group, type.Plural, obj.Namespace(), obj.Name(), subresource, obj.ResourceVersion() ?? "", user,
            obj, removed, userAgent);

    static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(Enumerable.Range(0, 5).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]).ToArray());
    }

    public void Dispose()
    {
        lock (timers)
        {
            foreach (var t in timers) t.Dispose();
            timers.Clear();
        }
    }
}
