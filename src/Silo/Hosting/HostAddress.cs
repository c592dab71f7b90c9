using System.Globalization;
using System.Net;

namespace Actors.Silo.Hosting;

/// <summary>
/// An address to listen on, written <c>host:port</c>: <c>127.0.0.1:8080</c>, <c>0.0.0.0:8080</c>,
/// <c>[::]:8081</c> or <c>localhost:8080</c>. Port 0 lets the system pick a free port.
/// </summary>
public sealed record HostAddress(string Host, IPAddress? Address, int Port)
{
    /// <summary>Null for <c>localhost</c>, which listens on both loopback addresses.</summary>
    public bool IsLocalhost => Address is null;

    public static bool TryParse(string? text, out HostAddress address, out string error)
    {
        address = null!;
        error = "";
        var value = (text ?? "").Trim();
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            error = $"'{value}' is not host:port, e.g. 127.0.0.1:8080 or 0.0.0.0:8080.";
            return false;
        }

        var host = value[..colon];
        var portText = value[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"'{portText}' in '{value}' is not a port number (0 to 65535).";
            return false;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = new HostAddress("localhost", null, port);
            return true;
        }

        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (!IPAddress.TryParse(bare, out var ip) || (bare.Contains(':') && !host.StartsWith('[')))
        {
            error = $"'{host}' in '{value}' is not an IP address or localhost (write IPv6 addresses in brackets, e.g. [::]:8080).";
            return false;
        }

        address = new HostAddress(host, ip, port);
        return true;
    }

    public override string ToString() => $"{Host}:{Port}";
}
