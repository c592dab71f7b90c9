using System.Diagnostics;

namespace Actors.EndToEnd.Tests.Silo;

/// <summary>What kubectl answered: its exit code and what it printed (stdout, then stderr).</summary>
public sealed record KubectlResult(int Code, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {Code}: {Stdout}{Stderr}";
}

/// <summary>
/// The real kubectl against one kubeconfig, run from a working directory as a user would.
/// Its absence fails the test: these scenarios are about what kubectl users see.
/// </summary>
public sealed class Kubectl(string kubeconfig, string workDir, ITestOutputHelper log)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(150);

    public static string Path { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Select(dir => System.IO.Path.Combine(dir, "kubectl")).FirstOrDefault(File.Exists)
        ?? "";

    public async Task<KubectlResult> RunAsync(params string[] args)
    {
        Assert.True(Path.Length > 0, "kubectl is not installed: these tests need the real kubectl on PATH.");
        var info = new ProcessStartInfo(Path) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        using var bound = new CancellationTokenSource(Limit);
        var stdout = process.StandardOutput.ReadToEndAsync(bound.Token);
        var stderr = process.StandardError.ReadToEndAsync(bound.Token);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"kubectl {string.Join(' ', args)} did not finish within {Limit.TotalSeconds:0}s");
        }

        var result = new KubectlResult(process.ExitCode, await stdout, await stderr);
        log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} $ kubectl {string.Join(' ', args)}\n{result}");
        return result;
    }

    /// <summary>Runs and insists on success, returning stdout.</summary>
    public async Task<string> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.Code == 0, $"kubectl {string.Join(' ', args)} failed: {result}");
        return result.Stdout;
    }
}
