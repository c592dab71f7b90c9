using System.Text.Json.Nodes;
using Actors.Emulator.Handlers;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Lifecycle;

/// <summary>
/// ServiceAccounts as a cluster has them: kube-controller-manager's serviceaccounts controller keeps a
/// <c>default</c> ServiceAccount in every active namespace (made with the namespace, made again shortly
/// after someone deletes it), and kube-apiserver's ServiceAccount admission gives every pod an account
/// (<c>default</c> unless it names one) and refuses the pod while that account does not exist.
/// </summary>
public sealed partial class ObjectLifecycle
{
    const string DefaultServiceAccount = "default";
    const string ServiceAccountsKey = "/serviceaccounts";
    const string ServiceAccountController = "system:serviceaccount:kube-system:service-account-controller";

    /// <summary>How long a deleted <c>default</c> ServiceAccount stays missing (the controller's reaction time).</summary>
    public static readonly TimeSpan DefaultServiceAccountRecreateDelay = TimeSpan.FromSeconds(1);

    void AdmitServiceAccount(ResourceType type, string? ns, JsonObject pod)
    {
        if (type.StorageKey != PodsKey || ns is null) return;
        var spec = pod.Child("spec");
        var account = spec.Text("serviceAccountName") is { Length: > 0 } named ? named
            : spec.Text("serviceAccount") is { Length: > 0 } legacy ? legacy
            : DefaultServiceAccount;
        spec["serviceAccountName"] = account;
        spec["serviceAccount"] = account; // the deprecated alias kube-apiserver still fills
        if (store.Get(ServiceAccountsKey, ns, account) is not null) return;
        var name = pod.Name();
        throw new ApiError(403, "Forbidden",
            $"{type.QualifiedName}{(name.Length == 0 ? "" : $" \"{name}\"")} is forbidden: error looking up service account {ns}/{account}: serviceaccount \"{account}\" not found")
        { Resource = type, Name = name };
    }

    /// <summary>Creates the namespace's <c>default</c> ServiceAccount if the namespace is active and has none.</summary>
    void EnsureDefaultServiceAccount(string ns)
    {
        if (store.Get("/namespaces", null, ns) is not { } namespaceObject || namespaceObject.IsDeleting()) return;
        if (store.Get(ServiceAccountsKey, ns, DefaultServiceAccount) is not null) return;
        Create(catalog.ByStorageKey(ServiceAccountsKey)!, ns,
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = DefaultServiceAccount } },
            new WriteOptions(ServiceAccountController, "kube-controller-manager"));
    }

    void RecreateDefaultServiceAccountLater(string ns)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            lock (store.Gate) EnsureDefaultServiceAccount(ns);
            lock (timers) { if (timer is not null) { timers.Remove(timer); timer.Dispose(); } }
        }, null, DefaultServiceAccountRecreateDelay, Timeout.InfiniteTimeSpan);
        lock (timers) timers.Add(timer);
    }
}
