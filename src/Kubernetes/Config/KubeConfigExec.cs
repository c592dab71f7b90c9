using k8s.Exceptions;

using YamlDotNet.RepresentationModel;

namespace Actors.Kubernetes;

/// <summary>Checks a kubeconfig user's exec section before the library runs the plugin.</summary>
internal static class KubeConfigExec
{
    public static void Check(KubeConfigEntry user)
    {
        if (user.Body.Children[new YamlScalarNode("exec")] is not YamlMappingNode exec)
            throw new KubeConfigException($"kubeconfig {user.Where}: 'exec' of user '{user.Name}' must be a mapping with a command.");
        if (string.IsNullOrEmpty(KubeConfigDocument.Scalar(exec, "command", user.File)))
            throw new KubeConfigException($"kubeconfig {user.Where}: the exec plugin of user '{user.Name}' has no command.");
        if (string.IsNullOrEmpty(KubeConfigDocument.Scalar(exec, "apiVersion", user.File)))
            throw new KubeConfigException($"kubeconfig {user.Where}: the exec plugin of user '{user.Name}' has no apiVersion (e.g. client.authentication.k8s.io/v1).");
        if (exec.Children.TryGetValue(new YamlScalarNode("env"), out var envNode) && envNode is YamlSequenceNode envList)
        {
            foreach (var item in envList)
            {
                if (item is not YamlMappingNode entry || string.IsNullOrEmpty(KubeConfigDocument.Scalar(entry, "name", user.File)))
                    throw new KubeConfigException($"kubeconfig {user.Where}: an env entry of the exec plugin of user '{user.Name}' has no name.");
            }
        }
    }
}
