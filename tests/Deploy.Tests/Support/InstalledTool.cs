using System.Diagnostics;

namespace Actors.Deploy.Tests.Support;

/// <summary>
/// A real command-line tool installed on the machine (kubectl, promtool). A missing tool fails
/// the test with what to install: these tests exist to prove deploy/ works with the real tools.
/// </summary>
public sealed class InstalledTool(string name, string installHint)
{
    public static InstalledTool Kubectl { get; } = new("kubectl", "the real kubectl (/usr/bin/kubectl) ships with the machine image");
    public static InstalledTool Promtool { get; } = new("promtool", "install the Debian package prometheus (test.sh does when it is missing)");

    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}";
    }

    public string Name => name;

    public string Binary()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin"]);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException($"{name} is not installed: {installHint}.");
    }

    /// <summary>Runs the tool with a private HOME (no user config leaks in) and returns what it printed.</summary>
    public async Task<Result> Run(IEnumerable<string> args, string workDir, string? stdin = null)
    {
        var info = new ProcessStartInfo(Binary())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = workDir,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["HOME"] = workDir;
        info.Environment.Remove("KUBECONFIG");

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(safety.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{name} {string.Join(' ', args)} did not finish: {await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the tool, asserts it succeeded and returns its standard output.</summary>
    public async Task<string> Ok(IEnumerable<string> args, string workDir, string? stdin = null)
    {
        var list = args.ToList();
        var result = await Run(list, workDir, stdin);
        Assert.True(result.ExitCode == 0, $"{name} {string.Join(' ', list)} failed: {result}");
        return result.Out;
    }
}
