namespace Actors.Emulator.Storage;

/// <summary>The built-in resources the emulator serves from the start.</summary>
internal static class BuiltinResources
{
    public static IEnumerable<ResourceType> All()
    {
        yield return Core("pods", "pod", "Pod", true, ["po"], ["all"], status: true);
        yield return Core("services", "service", "Service", true, ["svc"], ["all"], status: true);
        yield return Core("configmaps", "configmap", "ConfigMap", true, ["cm"], []);
        yield return Core("secrets", "secret", "Secret", true, [], []);
        yield return Core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, ["pvc"], [], status: true);
        yield return Core("events", "event", "Event", true, ["ev"], []);
        yield return Core("namespaces", "namespace", "Namespace", false, ["ns"], [], status: true)
            with { Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"] };
        yield return Core("serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"], []);
        yield return Core("nodes", "node", "Node", false, ["no"], [], status: true);
        yield return Group("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, ["pdb"], status: true);
        yield return Group("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, []);
        yield return Group("events.k8s.io", "v1", "events", "event", "Event", true, ["ev"]);
        // Stored and served like any object; no controller turns a Deployment into pods and no
        // authorizer reads the RBAC objects, but `kubectl apply` of an operator's manifests works.
        yield return Group("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], status: true)
            with { Categories = ["all"] };
        yield return Group("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, []);
        yield return Group("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, []);
        yield return Group("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, []);
        yield return Group("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, []);
        yield return Group("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
            "CustomResourceDefinition", false, ["crd", "crds"], status: true) with { Categories = ["api-extensions"] };
    }

    static ResourceType Core(string plural, string singular, string kind, bool namespaced,
        string[] shortNames, string[] categories, bool status = false) =>
        new()
        {
            Group = "", Version = "v1", Plural = plural, Singular = singular, Kind = kind,
            Namespaced = namespaced, ShortNames = shortNames, Categories = categories, HasStatus = status,
        };

    static ResourceType Group(string group, string version, string plural, string singular, string kind,
        bool namespaced, string[] shortNames, bool status = false) =>
        new()
        {
            Group = group, Version = version, Plural = plural, Singular = singular, Kind = kind,
            Namespaced = namespaced, ShortNames = shortNames, HasStatus = status,
        };
}
