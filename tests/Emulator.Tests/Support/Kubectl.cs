using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Actors.Emulator.Tests.Support;

/// <summary>
/// Runs the real installed kubectl against an emulator through its kubeconfig. A missing kubectl
/// fails the test: these tests exist to prove the emulator works with the real client.
/// </summary>
public sealed class Kubectl(string kubeconfigPath, string workDir)
{
    public Kubectl(KubernetesEmulator emulator, string workDir) : this(emulator.KubeconfigPath, workDir) { }

    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}";
    }

    static string Binary()
    {
        foreach (var candidate in new[] { "/usr/bin/kubectl", "/usr/local/bin/kubectl" })
            if (File.Exists(candidate)) return candidate;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);
        return onPath ?? throw new Xunit.Sdk.XunitException("kubectl is not installed: the kubectl suite needs the real client (/usr/bin/kubectl)");
    }

    ProcessStartInfo Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Binary())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = workDir,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfigPath);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(Path.Combine(workDir, "cache"));
        info.ArgumentList.Add("--request-timeout=30s");
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["HOME"] = workDir;
        return info;
    }

    /// <summary>Writes <paramref name="yaml"/> to a file in the work directory and returns its path.</summary>
    public string File_(string name, string yaml)
    {
        var path = Path.Combine(workDir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public async Task<Result> Run(params string[] args)
    {
        using var process = Process.Start(Start(args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(safety.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"kubectl {string.Join(' ', args)} did not finish: {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Asserts kubectl succeeded and returns its output.</summary>
    public async Task<string> Ok(params string[] args)
    {
        var r = await Run(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}");
        return r.Out;
    }

    /// <summary>A long-running kubectl (such as get --watch) whose output lines can be awaited.</summary>
    public Streaming Stream(params string[] args) => new(Process.Start(Start(args))!);

    public sealed class Streaming : IAsyncDisposable
    {
        readonly Process process;
        readonly Channel<string> lines = Channel.CreateUnbounded<string>();
        readonly StringBuilder all = new();
        readonly StringBuilder errors = new();

        internal Streaming(Process process)
        {
            this.process = process;
            process.StandardInput.Close();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (all) all.AppendLine(e.Data); lines.Writer.TryWrite(e.Data); } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Output { get { lock (all) return all.ToString(); } }

        /// <summary>Waits for an output line that satisfies <paramref name="predicate"/>.</summary>
        public async Task<string> WaitFor(Func<string, bool> predicate)
        {
            using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                while (true)
                {
                    var line = await lines.Reader.ReadAsync(safety.Token);
                    if (predicate(line)) return line;
                }
            }
            catch (OperationCanceledException)
            {
                string err;
                lock (errors) err = errors.ToString();
                throw new Xunit.Sdk.XunitException($"kubectl never printed the expected line. Output:\n{Output}\nstderr:\n{err}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
