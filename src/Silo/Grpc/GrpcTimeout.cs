namespace Actors.Silo.Grpc;

/// <summary>
/// Parses the grpc-timeout header: at most 8 digits and a unit, H M S m u n
/// (hours, minutes, seconds, milliseconds, microseconds, nanoseconds).
/// </summary>
public static class GrpcTimeout
{
    /// <summary>Deadlines longer than this are treated as none (timers cannot wait longer).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    /// <summary>False when the value is malformed; <paramref name="timeout"/> is null when there is no deadline.</summary>
    public static bool TryParse(string? header, out TimeSpan? timeout)
    {
        timeout = null;
        if (string.IsNullOrEmpty(header))
        {
            return true;
        }

        if (header.Length is < 2 or > 9 || !long.TryParse(header.AsSpan(0, header.Length - 1), System.Globalization.NumberStyles.None, null, out var amount))
        {
            return false;
        }

        TimeSpan? value = header[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
        if (value is null)
        {
            return false;
        }

        timeout = value > Longest ? null : value;
        return true;
    }
}
