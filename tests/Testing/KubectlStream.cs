using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Actors.Testing;

/// <summary>A running kubectl (get --watch) whose output lines a test awaits; killed when disposed.</summary>
public sealed class KubectlStream : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder all = new();
    private readonly StringBuilder errors = new();

    internal KubectlStream(Process process)
    {
        this.process = process;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (all) all.AppendLine(e.Data);
            lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (errors) errors.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (all) return all.ToString(); }
    }

    /// <summary>Waits (at most a minute) for an output line that satisfies <paramref name="predicate"/>.</summary>
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
