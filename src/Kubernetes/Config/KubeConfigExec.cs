using YamlDotNet.RepresentationModel;

namespace Actors.Kubernetes;

/// <summary>Reads a kubeconfig user's exec section into an <see cref="ExecCredentialCommand"/>.</summary>
internal static class KubeConfigExec
{
    public static ExecCredentialCommand Read(KubeConfigEntry user, Func<KubeConfigEntry, string, string> resolvePath)
    {
        if (user.Body.Children[new YamlScalarNode("exec")] is not YamlMappingNode exec)
            throw new KubeConfigException($"kubeconfig {user.Where}: 'exec' of user '{user.Name}' must be a mapping with a command.");
        var command = KubeConfigDocument.Scalar(exec, "command", user.File);
        if (string.IsNullOrEmpty(command))
            throw new KubeConfigException($"kubeconfig {user.Where}: the exec plugin of user '{user.Name}' has no command.");
        // A command with a path separator is relative to the kubeconfig, like kubectl; a bare name comes from PATH.
        if (command.Contains('/') && !Path.IsPathRooted(command)) command = resolvePath(user, command);

        var args = new List<string>();
        if (exec.Children.TryGetValue(new YamlScalarNode("args"), out var argsNode) && argsNode is YamlSequenceNode argList)
            args.AddRange(argList.OfType<YamlScalarNode>().Select(a => a.Value ?? ""));

        var environment = new Dictionary<string, string>();
        if (exec.Children.TryGetValue(new YamlScalarNode("env"), out var envNode) && envNode is YamlSequenceNode envList)
        {
            foreach (var item in envList.OfType<YamlMappingNode>())
            {
                var name = KubeConfigDocument.Scalar(item, "name", user.File);
                if (string.IsNullOrEmpty(name))
                    throw new KubeConfigException($"kubeconfig {user.Where}: an env entry of the exec plugin of user '{user.Name}' has no name.");
                environment[name] = KubeConfigDocument.Scalar(item, "value", user.File) ?? "";
            }
        }
        var apiVersion = KubeConfigDocument.Scalar(exec, "apiVersion", user.File) ?? "client.authentication.k8s.io/v1";
        return new ExecCredentialCommand(user.Name, command, args, environment, apiVersion, KubeConfigDocument.Scalar(exec, "installHint", user.File));
    }
}
