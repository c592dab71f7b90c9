namespace Actors.Silo.Tests.Telemetry;

/// <summary>
/// Tests that read ASP.NET Core's own metrics off /metrics. Every host's MeterProvider listens
/// to the meters of every host in the process (meters are matched by name), and a host that
/// stops ends the shared streams; so these run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScrapeCollection
{
    public const string Name = "Scrapes";
}
