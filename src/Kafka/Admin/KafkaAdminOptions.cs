namespace Actors.Kafka.Admin;

public sealed record KafkaAdminOptions
{
    /// <summary>host:port[,host:port…]: the cluster's bootstrap Service, or its mapped address outside the cluster.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>How long one question may take, connecting included, before it is a <c>TimedOut</c> failure.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string ClientId { get; init; } = "actors-operator";

    /// <summary>Where librdkafka's own log lines and errors go; dropped when null (they would otherwise go to stderr).</summary>
    public Action<string>? Log { get; init; }
}
