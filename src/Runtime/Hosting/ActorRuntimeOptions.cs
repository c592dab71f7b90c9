namespace Actors.Runtime;

public sealed class ActorRuntimeOptions
{
    /// <summary>An activation idle this long is deactivated (Orleans' default: 15 minutes).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A call whose response has not arrived after this long fails with a TimeoutException.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When true (default), a caller outside any grain resumes on the grain's thread as the call
    /// completes: no thread hop per call, but the grain's next turn waits until that caller's code
    /// reaches its next await, and blocking on a grain call there (<c>.Result</c>) can deadlock.
    /// False resumes every caller on the thread pool. Calls between grains always resume on the pool.
    /// </summary>
    public bool ResumeOutsideCallersInline { get; set; } = true;
}
