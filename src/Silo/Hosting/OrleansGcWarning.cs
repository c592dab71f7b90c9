namespace Actors.Silo.Hosting;

/// <summary>
/// Orleans' start-up warning that a silo runs without server GC: two lines, "Silo not running with
/// ServerGC turned on" and "ServerGC only kicks in on multi-core systems", one event (SiloGcWarning,
/// 100405) written by the silo's constructor. The silo runs on workstation GC by choice (Silo.csproj:
/// measured, a third less resident memory), so the advice is noise.
/// </summary>
public static class OrleansGcWarning
{
    /// <summary>The silo's logger: <c>Orleans.Runtime.Silo</c>.</summary>
    public static readonly string Category = typeof(Orleans.Runtime.Silo).FullName!;

    public const int EventId = (int)Orleans.ErrorCode.SiloGcWarning;
}
