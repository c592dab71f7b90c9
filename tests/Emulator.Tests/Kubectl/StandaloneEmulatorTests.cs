using System.Diagnostics;

namespace Actors.Emulator.Tests.Kubectl;

/// <summary>
/// `dotnet run --project src/Emulator` as a user runs it: a real process that prints its kubeconfig,
/// which the installed kubectl then uses; bad flags are refused before anything starts.
/// </summary>
public sealed class StandaloneEmulatorTests : IDisposable
{
    readonly string workDir = Directory.CreateTempSubdirectory("emulator-standalone-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(workDir, recursive: true); } catch (IOException) { }
    }

    static string EmulatorDll => Path.Combine(AppContext.BaseDirectory, "Actors.Emulator.dll");

    /// <summary>Starts the emulator and drains both of its streams, so its logging never blocks on a full pipe.</summary>
    static (Process Process, Func<string> Output, Task<string> Banner) Start(string workDir, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(EmulatorDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var output = new System.Text.StringBuilder();
        var banner = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.StartsWith("kubeconfig:", StringComparison.Ordinal)) banner.TrySetResult(e.Data);
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Exited += (_, _) => banner.TrySetException(new InvalidOperationException("the emulator exited before printing its kubeconfig"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, () => { lock (output) return output.ToString(); }, banner.Task);
    }

    [Fact]
    public async Task The_standalone_emulator_prints_its_kubeconfig_and_serves_kubectl_get_pods_in_all_namespaces()
    {
        var kubeconfig = Path.Combine(workDir, "kubeconfig");
        var (emulator, output, banner) = Start(workDir, "--port", "0", "--kubeconfig", kubeconfig);
        using var _ = emulator;
        try
        {
            string line;
            try
            {
                line = await banner.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                throw new Xunit.Sdk.XunitException($"no kubeconfig line from the emulator ({e.Message}):\n{output()}");
            }
            Assert.Equal($"kubeconfig: {kubeconfig}", line);
            Assert.Contains("Kubernetes API emulator serving at https://127.0.0.1:", output());

            var kubectl = new Testing.Kubectl(kubeconfig, workDir);
            var namespaces = await kubectl.Ok("get", "namespaces", "-o", "name");
            Assert.Contains("namespace/default", namespaces);

            await kubectl.Ok("run", "probe", "--image=busybox", "-n", "default");
            var pods = await kubectl.Ok("get", "pods", "-A");
            Assert.StartsWith("NAMESPACE", pods);
            Assert.Contains("probe", pods);
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("--port abc", "error: --port must be a TCP port from 0 to 65535 (0 picks a free one), got 'abc'.")]
    [InlineData("--kubeconfig", "error: --kubeconfig needs a value.")]
    [InlineData("--verbose", "error: unknown argument '--verbose'.")]
    public async Task A_bad_flag_is_refused_with_a_message_naming_it(string args, string message)
    {
        var (emulator, output, _) = Start(workDir, args.Split(' '));
        using var _ = emulator;
        await emulator.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, emulator.ExitCode);
        Assert.StartsWith(message, output());
    }
}
