namespace Actors.Silo.Api;

/// <summary>Body of POST /api/v1/clusters/{namespace}/{name}/scale.</summary>
/// <param name="Brokers">The desired number of brokers.</param>
public sealed record ScaleRequest(int Brokers);
