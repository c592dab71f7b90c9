namespace Actors.Kafka.Peer.Apis;

/// <summary>
/// The authorized-operations bit fields a client gets when it asks for them. The peer has no
/// ACLs, like a broker without an authorizer: everything a resource supports is allowed. Bits
/// are Kafka's AclOperation codes.
/// </summary>
internal static class AuthorizedOperations
{
    private const int Read = 3, Write = 4, Create = 5, Delete = 6, Alter = 7, Describe = 8,
        ClusterAction = 9, DescribeConfigs = 10, AlterConfigs = 11, IdempotentWrite = 12;

    public static readonly int Topic = Bits(Read, Write, Create, Delete, Alter, Describe, DescribeConfigs, AlterConfigs);
    public static readonly int Cluster = Bits(Create, Alter, Describe, ClusterAction, DescribeConfigs, AlterConfigs, IdempotentWrite);

    private static int Bits(params int[] operations) => operations.Aggregate(0, (bits, op) => bits | 1 << op);
}
