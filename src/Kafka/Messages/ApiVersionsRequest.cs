using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>
/// ApiVersions (key 18): which API versions a broker speaks and, from version 3, the features
/// it supports and the cluster's finalized feature levels. Versions 0-2 have an empty body;
/// version 3 (the first flexible one) names the client software.
/// </summary>
public sealed record ApiVersionsRequest(
    string ClientSoftwareName = "actors-kafka",
    string ClientSoftwareVersion = "0.1.0",
    short Version = 3) : IKafkaRequest<ApiVersionsResponse>
{
    public ApiKey ApiKey => ApiKey.ApiVersions;
    public short RequestHeaderVersion => IsFlexible(Version) ? (short)2 : (short)1;
    public short ResponseHeaderVersion => 0;

    public static bool IsFlexible(short version) => version >= 3;

    public void WriteBody(KafkaWriter writer)
    {
        if (!IsFlexible(Version))
            return;
        writer.WriteCompactString(ClientSoftwareName);
        writer.WriteCompactString(ClientSoftwareVersion);
        writer.WriteEmptyTaggedFields();
    }

    public static ApiVersionsRequest Read(KafkaReader reader, short version)
    {
        if (!IsFlexible(version))
            return new ApiVersionsRequest("", "", version);
        var name = reader.ReadCompactString("ApiVersions request client software name");
        var softwareVersion = reader.ReadCompactString("ApiVersions request client software version");
        reader.SkipTaggedFields("ApiVersions request tagged fields");
        return new ApiVersionsRequest(name, softwareVersion, version);
    }

    public ApiVersionsResponse ReadResponse(KafkaReader reader) => ApiVersionsResponse.Read(reader, Version);
}
