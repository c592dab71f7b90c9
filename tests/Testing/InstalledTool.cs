using System.Diagnostics;

namespace Actors.Testing;

/// <summary>
/// A real command-line tool installed on the machine (kubectl, promtool). A missing tool fails
/// the test with what to install, never skips it: these tests exist to prove the project works
/// with the real tools.
/// </summary>
public sealed class InstalledTool(string name, string installHint)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(150);

    public static InstalledTool Kubectl { get; } = new("kubectl", "the real kubectl (/usr/bin/kubectl) ships with the machine image");
    public static InstalledTool Promtool { get; } = new("promtool", "install the Debian package prometheus (test.sh does when it is missing)");
    public static InstalledTool Kcat { get; } = new("kcat", "install the Debian package kcat (test.sh does when it is missing)");

    public string Name => name;

    public string Binary()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin"]);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException($"{name} is not installed: {installHint}.");
    }

    /// <summary>Starts the tool in <paramref name="workDir"/>, with that folder as HOME so no user configuration leaks in.</summary>
    public Process Start(IEnumerable<string> args, string workDir)
    {
        var info = new ProcessStartInfo(Binary())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = workDir,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["HOME"] = workDir;
        info.Environment.Remove("KUBECONFIG");
        return Process.Start(info)!;
    }

    /// <summary>Runs the tool to its end and returns what it printed.</summary>
    public async Task<ToolResult> Run(IEnumerable<string> args, string workDir, string? stdin = null)
    {
        var list = args.ToList();
        using var process = Start(list, workDir);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var safety = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(safety.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{name} {string.Join(' ', list)} did not finish within {Limit.TotalSeconds:0}s: {await stderr}");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
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
