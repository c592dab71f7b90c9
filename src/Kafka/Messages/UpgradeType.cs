namespace Actors.Kafka.Messages;

/// <summary>How far an UpdateFeatures change may go (version 1 replaced the AllowDowngrade flag).</summary>
public enum UpgradeType : sbyte
{
    Upgrade = 1,
    SafeDowngrade = 2,
    UnsafeDowngrade = 3,
}
