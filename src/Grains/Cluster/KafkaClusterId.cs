namespace Actors.Grains.Cluster;

/// <summary>
/// The KRaft cluster id: a random UUID in URL-safe base64 without padding (22 characters), the
/// form <c>kafka-storage.sh random-uuid</c> prints. Generated once, kept in status, never changed.
/// </summary>
public static class KafkaClusterId
{
    public static string New() => From(Guid.NewGuid());

    public static string From(Guid uuid) =>
        Convert.ToBase64String(uuid.ToByteArray(bigEndian: true)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsValid(string? id) =>
        id is { Length: 22 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
