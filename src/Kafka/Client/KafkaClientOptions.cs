namespace Actors.Kafka.Client;

public sealed record KafkaClientOptions
{
    /// <summary>For connecting, sending and reading the whole response together.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public string ClientId { get; init; } = "actors-operator";

    /// <summary>A response frame larger than this is refused before it is read.</summary>
    public int MaxResponseBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Where to really connect for the endpoint named (an operator outside the cluster).</summary>
    public KafkaAddressMap AddressMap { get; init; } = KafkaAddressMap.None;
}
