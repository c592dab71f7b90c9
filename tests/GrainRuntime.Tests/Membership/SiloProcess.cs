using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Runtime;

namespace Actors.GrainRuntime.Tests.Membership;

/// <summary>
/// The membership silo (tests/MembershipSilo) as a process of its own, so a test can kill it the way
/// a node failure or an OOM kill does: SIGKILL, no shutdown code, no last write to the table.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process process;

    private SiloProcess(Process process, ConcurrentQueue<string> output, SiloAddress address)
    {
        this.process = process;
        Output = output;
        Address = address;
    }

    public SiloAddress Address { get; }
    public ConcurrentQueue<string> Output { get; }

    public static async Task<SiloProcess> StartAsync(EmulatorFixture emulator, string clusterId, string name)
    {
        var output = new ConcurrentQueue<string>();
        var process = NewcomerProcess.Start("dotnet", [Dll, emulator.KubeconfigPath, MembershipApi.Namespace, clusterId, name], emulator.WorkDir, output);
        try
        {
            var started = await Eventually.UntilAsync(() => Task.FromResult(output.FirstOrDefault(line => line.StartsWith("started ", StringComparison.Ordinal))),
                $"silo process {name} prints that it started (output so far: {string.Join(" | ", output)})", TimeSpan.FromSeconds(60));
            return new SiloProcess(process, output, SiloAddress.FromParsableString(started["started ".Length..]));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().WaitAsync(Eventually.Limit);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    /// <summary>The silo built beside these tests (same configuration and framework).</summary>
    private static string Dll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(Repository.Root, "tests", "MembershipSilo", "bin", framework.Parent!.Name, framework.Name, "Actors.MembershipSilo.dll");
            Assert.True(File.Exists(dll), $"The membership silo is not built at {dll}.");
            return dll;
        }
    }
}
