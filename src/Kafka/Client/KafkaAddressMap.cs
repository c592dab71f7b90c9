using System.Globalization;

namespace Actors.Kafka.Client;

/// <summary>
/// Where to really connect for an address Kafka (or the cluster's spec) names, for an operator
/// that runs outside the cluster: <c>demo-kafka-bootstrap.kafka.svc:9092</c> →
/// <c>127.0.0.1:19092</c> (a port-forward, a NodePort, a load balancer). Exact host:port pairs,
/// host names compared without case; an address not in the map is used as it is.
/// See src/Kafka/README.md for what this can and cannot do for Confluent.Kafka.
/// </summary>
public sealed class KafkaAddressMap
{
    private readonly Dictionary<(string Host, int Port), KafkaEndpoint> _map;

    public KafkaAddressMap(IEnumerable<KeyValuePair<KafkaEndpoint, KafkaEndpoint>> entries)
    {
        _map = new Dictionary<(string, int), KafkaEndpoint>(HostPortComparer.Instance);
        foreach (var (from, to) in entries)
            if (!_map.TryAdd((from.Host, from.Port), to))
                throw new ArgumentException($"{from} is mapped twice", nameof(entries));
    }

    public static KafkaAddressMap None { get; } = new([]);

    public int Count => _map.Count;

    /// <summary>Whether <paramref name="advertised"/> has an entry of its own.</summary>
    public bool Maps(KafkaEndpoint advertised) => _map.ContainsKey((advertised.Host, advertised.Port));

    /// <summary>The address to connect to for <paramref name="advertised"/>.</summary>
    public KafkaEndpoint Resolve(KafkaEndpoint advertised) =>
        _map.TryGetValue((advertised.Host, advertised.Port), out var mapped) ? mapped : advertised;

    /// <summary>
    /// Reads <c>host:port=host:port[,host:port=host:port…]</c> (whitespace around entries ignored),
    /// the form of a command-line option or an annotation. The message names the bad entry.
    /// </summary>
    public static KafkaAddressMap Parse(string text)
    {
        var entries = new List<KeyValuePair<KafkaEndpoint, KafkaEndpoint>>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var sides = entry.Split('=', StringSplitOptions.TrimEntries);
            if (sides.Length != 2)
                throw new FormatException($"address mapping '{entry}' is not host:port=host:port");
            entries.Add(new(KafkaEndpoint.Parse(sides[0]), KafkaEndpoint.Parse(sides[1])));
        }
        return new KafkaAddressMap(entries);
    }

    public override string ToString() =>
        _map.Count == 0 ? "(no mapping)" : string.Join(",", _map.Select(e => $"{e.Key.Host}:{e.Key.Port.ToString(CultureInfo.InvariantCulture)}={e.Value}"));

    private sealed class HostPortComparer : IEqualityComparer<(string Host, int Port)>
    {
        public static readonly HostPortComparer Instance = new();

        public bool Equals((string Host, int Port) x, (string Host, int Port) y) =>
            x.Port == y.Port && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Host, int Port) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Host), obj.Port);
    }
}
