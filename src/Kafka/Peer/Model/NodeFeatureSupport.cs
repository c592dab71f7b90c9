namespace Actors.Kafka.Peer.Model;

/// <summary>The metadata.version levels one node's software can run (from its release).</summary>
public sealed record NodeFeatureSupport(int NodeId, short MinMetadataVersion, short MaxMetadataVersion)
{
    public bool Supports(short level) => level >= MinMetadataVersion && level <= MaxMetadataVersion;
}
