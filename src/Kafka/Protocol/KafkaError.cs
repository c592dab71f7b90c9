namespace Actors.Kafka.Protocol;

/// <summary>
/// A Kafka error code with its protocol name. The table covers the codes the served
/// APIs (ApiVersions, Metadata, DescribeConfigs, DescribeCluster, DescribeQuorum, UpdateFeatures) return; any other code keeps its number and is
/// named as unknown rather than refused, so a newer broker's error still reads clearly.
/// </summary>
public readonly record struct KafkaError(short Code, string Name)
{
    public static readonly KafkaError None = new(0, "NONE");
    public static readonly KafkaError UnknownServerError = new(-1, "UNKNOWN_SERVER_ERROR");
    public static readonly KafkaError UnknownTopicOrPartition = new(3, "UNKNOWN_TOPIC_OR_PARTITION");
    public static readonly KafkaError LeaderNotAvailable = new(5, "LEADER_NOT_AVAILABLE");
    public static readonly KafkaError NotLeaderOrFollower = new(6, "NOT_LEADER_OR_FOLLOWER");
    public static readonly KafkaError RequestTimedOut = new(7, "REQUEST_TIMED_OUT");
    public static readonly KafkaError BrokerNotAvailable = new(8, "BROKER_NOT_AVAILABLE");
    public static readonly KafkaError ClusterAuthorizationFailed = new(31, "CLUSTER_AUTHORIZATION_FAILED");
    public static readonly KafkaError UnsupportedVersion = new(35, "UNSUPPORTED_VERSION");
    public static readonly KafkaError NotController = new(41, "NOT_CONTROLLER");
    public static readonly KafkaError InvalidRequest = new(42, "INVALID_REQUEST");
    public static readonly KafkaError ThrottlingQuotaExceeded = new(89, "THROTTLING_QUOTA_EXCEEDED");
    public static readonly KafkaError InvalidUpdateVersion = new(95, "INVALID_UPDATE_VERSION");
    public static readonly KafkaError FeatureUpdateFailed = new(96, "FEATURE_UPDATE_FAILED");
    public static readonly KafkaError UnknownTopicId = new(100, "UNKNOWN_TOPIC_ID");
    public static readonly KafkaError UnsupportedEndpointType = new(115, "UNSUPPORTED_ENDPOINT_TYPE");

    private static readonly Dictionary<short, KafkaError> Known = new[]
    {
        None, UnknownServerError, UnknownTopicOrPartition, LeaderNotAvailable, NotLeaderOrFollower, RequestTimedOut,
        BrokerNotAvailable, ClusterAuthorizationFailed, UnsupportedVersion, NotController,
        InvalidRequest, ThrottlingQuotaExceeded, InvalidUpdateVersion, FeatureUpdateFailed,
        UnknownTopicId, UnsupportedEndpointType,
    }.ToDictionary(e => e.Code);

    public bool IsError => Code != 0;

    public static KafkaError FromCode(short code) =>
        Known.TryGetValue(code, out var error) ? error : new KafkaError(code, $"UNKNOWN_ERROR_CODE_{code}");

    public override string ToString() => $"{Name} ({Code})";
}
