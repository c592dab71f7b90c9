using System.Text;

namespace Actors.Kafka.Tests;

/// <summary>Writes expected wire bytes the way the schemas describe them: hex, with text spelled out.</summary>
internal static class WireBytes
{
    /// <summary>Hex groups ("00 12", "FFFF") and <see cref="Text"/> parts, concatenated.</summary>
    public static byte[] Hex(params string[] parts) =>
        Convert.FromHexString(string.Concat(parts).Replace(" ", ""));

    /// <summary>The UTF-8 bytes of an ASCII string, as hex (length prefixes are written separately).</summary>
    public static string Text(string ascii) => Convert.ToHexString(Encoding.UTF8.GetBytes(ascii));
}
