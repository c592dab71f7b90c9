using System.Globalization;
using Actors.Kafka.Messages;
using Actors.Kafka.Peer.Model;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Peer.Apis;

/// <summary>
/// DescribeConfigs v0-4 from the model, for topics and brokers. A topic's values resolve as
/// Kafka resolves them (<see cref="TopicConfigCatalog.Resolve"/>) and say their source; with
/// synonyms asked for, each value lists every level that sets it, most specific first. A broker
/// resource names a broker id or is empty (the cluster-wide default). Unknown keys are left
/// out; unknown topics, brokers and resource types are per-resource errors.
/// </summary>
internal sealed class DescribeConfigsApi : IPeerApi
{
    public ApiKey ApiKey => ApiKey.DescribeConfigs;
    public short MinVersion => DescribeConfigsRequest.MinVersion;
    public short MaxVersion => DescribeConfigsRequest.MaxVersion;

    public short RequestHeaderVersion(short version) => DescribeConfigsRequest.IsFlexible(version) ? (short)2 : (short)1;
    public short ResponseHeaderVersion(short version) => DescribeConfigsRequest.IsFlexible(version) ? (short)1 : (short)0;

    public void Answer(short version, KafkaReader body, ClusterModel model, KafkaWriter response) =>
        Describe(model.State, DescribeConfigsRequest.Read(body, version)).Write(response, version);

    public static DescribeConfigsResponse Describe(ClusterState state, DescribeConfigsRequest request) =>
        new(0, request.Resources.Select(resource => resource.ResourceType switch
        {
            ConfigResourceType.Topic => DescribeTopic(state, resource, request),
            ConfigResourceType.Broker => DescribeBroker(state, resource, request),
            _ => Refused(resource, KafkaError.InvalidRequest, $"resource type {(sbyte)resource.ResourceType} is not described by this cluster"),
        }).ToList());

    private static DescribeConfigsResult DescribeTopic(ClusterState state, DescribeConfigsResource resource, DescribeConfigsRequest request)
    {
        var topic = state.Topic(resource.ResourceName);
        if (topic is null)
            return Refused(resource, KafkaError.UnknownTopicOrPartition, $"no topic named '{resource.ResourceName}'");
        var entries = TopicConfigCatalog.Definitions
            .Where(d => Wanted(resource, d.Name))
            .Select(d =>
            {
                var (value, source) = TopicConfigCatalog.Resolve(d, topic, state.BrokerConfigs);
                var synonyms = new List<ConfigSynonym>();
                if (topic.Configs.TryGetValue(d.Name, out var own))
                    synonyms.Add(new ConfigSynonym(d.Name, own, ConfigSource.DynamicTopicConfig));
                if (state.BrokerConfigs.TryGetValue(d.BrokerSynonym, out var cluster))
                    synonyms.Add(new ConfigSynonym(d.BrokerSynonym, cluster, ConfigSource.StaticBrokerConfig));
                synonyms.Add(new ConfigSynonym(d.BrokerSynonym, d.DefaultValue, ConfigSource.DefaultConfig));
                return Entry(d.Name, value, source, d.ConfigType, synonyms, request);
            }).ToList();
        return new DescribeConfigsResult(KafkaError.None.Code, null, resource.ResourceType, resource.ResourceName, entries);
    }

    private static DescribeConfigsResult DescribeBroker(ClusterState state, DescribeConfigsResource resource, DescribeConfigsRequest request)
    {
        var name = resource.ResourceName;
        var isClusterDefault = name.Length == 0;
        if (!isClusterDefault && (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || state.Broker(id) is null))
            return Refused(resource, KafkaError.InvalidRequest, $"'{name}' is not the id of a broker of this cluster");
        var entries = TopicConfigCatalog.BrokerDefinitions
            .Where(d => Wanted(resource, d.Name))
            .Select(d =>
            {
                var synonyms = new List<ConfigSynonym>();
                if (state.BrokerConfigs.TryGetValue(d.Name, out var set))
                    synonyms.Add(new ConfigSynonym(d.Name, set, ConfigSource.StaticBrokerConfig));
                synonyms.Add(new ConfigSynonym(d.Name, d.DefaultValue, ConfigSource.DefaultConfig));
                var (value, source) = set is not null ? (set, ConfigSource.StaticBrokerConfig) : (d.DefaultValue, ConfigSource.DefaultConfig);
                return Entry(d.Name, value, source, d.ConfigType, synonyms, request);
            }).ToList();
        return new DescribeConfigsResult(KafkaError.None.Code, null, resource.ResourceType, name, entries);
    }

    private static bool Wanted(DescribeConfigsResource resource, string name) =>
        resource.ConfigurationKeys is null || resource.ConfigurationKeys.Contains(name);

    private static ConfigEntry Entry(string name, string value, ConfigSource source, sbyte type, List<ConfigSynonym> synonyms, DescribeConfigsRequest request) =>
        new(name, value,
            ReadOnly: false,
            IsDefault: source == ConfigSource.DefaultConfig,
            Source: request.Version >= 1 ? source : (ConfigSource)(-1),
            IsSensitive: false,
            Synonyms: request.Version >= 1 ? (request.IncludeSynonyms ? synonyms : []) : null,
            ConfigType: request.Version >= 3 ? type : (sbyte)0,
            Documentation: null);

    private static DescribeConfigsResult Refused(DescribeConfigsResource resource, KafkaError error, string message) =>
        new(error.Code, message, resource.ResourceType, resource.ResourceName, []);
}
