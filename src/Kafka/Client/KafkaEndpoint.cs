namespace Actors.Kafka.Client;

/// <summary>A broker or controller address: host and port.</summary>
public sealed record KafkaEndpoint(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}
