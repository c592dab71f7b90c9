using Actors.Emulator;

namespace Actors.Deploy.Tests.Support;

/// <summary>The real kubectl pointed at a running emulator through the emulator's kubeconfig.</summary>
public sealed class EmulatorKubectl(KubernetesEmulator emulator, string workDir)
{
    IEnumerable<string> With(IEnumerable<string> args) =>
        ["--kubeconfig", emulator.KubeconfigPath, "--cache-dir", System.IO.Path.Combine(workDir, "cache"), "--request-timeout=30s", .. args];

    public Task<InstalledTool.Result> Run(IEnumerable<string> args, string? stdin = null) =>
        InstalledTool.Kubectl.Run(With(args), workDir, stdin);

    public Task<string> Ok(IEnumerable<string> args, string? stdin = null) =>
        InstalledTool.Kubectl.Ok(With(args), workDir, stdin);
}
