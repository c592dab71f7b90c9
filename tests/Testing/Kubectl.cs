using Actors.Emulator;
using Xunit.Abstractions;

namespace Actors.Testing;

/// <summary>
/// The real installed kubectl against one kubeconfig, run from a work directory (its HOME and
/// cache) as a user would. Each command and its answer go to the test output when one is given.
/// </summary>
public sealed class Kubectl(string kubeconfigPath, string workDir, ITestOutputHelper? log = null)
{
    public Kubectl(KubernetesEmulator emulator, string workDir, ITestOutputHelper? log = null) : this(emulator.KubeconfigPath, workDir, log) { }

    private IEnumerable<string> With(IEnumerable<string> args) =>
        ["--kubeconfig", kubeconfigPath, "--cache-dir", Path.Combine(workDir, "cache"), .. args];

    public Task<ToolResult> Run(params string[] args) => Run(args, stdin: null);

    public async Task<ToolResult> Run(IEnumerable<string> args, string? stdin)
    {
        var list = args.ToList();
        var result = await InstalledTool.Kubectl.Run(With(list), workDir, stdin);
        Log($"$ kubectl {string.Join(' ', list)}\n{result}");
        return result;
    }

    /// <summary>Runs kubectl, asserts it succeeded and returns its standard output.</summary>
    public Task<string> Ok(params string[] args) => Ok(args, stdin: null);

    public async Task<string> Ok(IEnumerable<string> args, string? stdin)
    {
        var list = args.ToList();
        var result = await Run(list, stdin);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', list)} failed: {result}");
        return result.Out;
    }

    /// <summary>Writes a manifest into the work directory and returns its path, for <c>-f</c>.</summary>
    public string WriteFile(string name, string yaml)
    {
        var path = Path.Combine(workDir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>A long-running kubectl (such as get --watch) whose output lines can be awaited.</summary>
    public KubectlStream Stream(params string[] args) => new(InstalledTool.Kubectl.Start(With(args), workDir));

    private void Log(string text)
    {
        try
        {
            log?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {text}");
        }
        catch (InvalidOperationException)
        {
            // The test has already finished.
        }
    }
}
