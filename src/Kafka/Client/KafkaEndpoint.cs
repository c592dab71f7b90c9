using System.Globalization;

namespace Actors.Kafka.Client;

/// <summary>A broker or controller address: host and port.</summary>
public sealed record KafkaEndpoint(string Host, int Port)
{
    /// <summary>
    /// Reads <c>host:port</c>; an IPv6 host in brackets (<c>[::1]:9092</c>). The message names
    /// what is wrong, for an option or annotation a user wrote.
    /// </summary>
    public static KafkaEndpoint Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : "";
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        if (host.Length == 0 || host.Any(char.IsWhiteSpace)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
            throw new FormatException($"'{text}' is not host:port (a host, then a port 1-65535)");
        return new KafkaEndpoint(host, port);
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
