namespace Actors.Contracts.Kafka.Schema;

/// <summary>
/// Kubernetes' grammars for the strings a KafkaCluster hands on to pods and claims, as anchored
/// regular expressions. The CRD carries them, so the API server refuses a bad value with the
/// field's path before the operator ever sees it.
/// </summary>
public static class KubernetesPatterns
{
    /// <summary>A resource quantity: <c>100Gi</c>, <c>500m</c>, <c>1.5</c>, <c>2e3</c>.</summary>
    public const string Quantity =
        @"^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(\d+(\.\d*)?|\.\d+)))?$";

    /// <summary>A DNS subdomain (RFC 1123): StorageClass names, label-key prefixes.</summary>
    public const string DnsSubdomain = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>A label key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public const string QualifiedName =
        @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

    /// <summary>A label value: empty, or at most 63 characters that begin and end alphanumeric.</summary>
    public const string LabelValue = @"^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$";

    public const int DnsSubdomainMaxLength = 253;

    /// <summary>A 253-character prefix, '/', and a 63-character name.</summary>
    public const int QualifiedNameMaxLength = 317;

    public const int LabelValueMaxLength = 63;
}
