using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>Another source that sets the same config, with its value (version 1+).</summary>
public sealed record ConfigSynonym(string Name, string? Value, ConfigSource Source);

/// <summary>
/// One config entry. <see cref="IsDefault"/> travels only in version 0; <see cref="Source"/>
/// (version 1+) says more and is -1 where unknown; type and documentation come from version 3.
/// </summary>
public sealed record ConfigEntry(
    string Name,
    string? Value,
    bool ReadOnly = false,
    bool IsDefault = false,
    ConfigSource Source = (ConfigSource)(-1),
    bool IsSensitive = false,
    IReadOnlyList<ConfigSynonym>? Synonyms = null,
    sbyte ConfigType = 0,
    string? Documentation = null);

public sealed record DescribeConfigsResult(
    short ErrorCode,
    string? ErrorMessage,
    ConfigResourceType ResourceType,
    string ResourceName,
    IReadOnlyList<ConfigEntry> Configs)
{
    public KafkaError Error => KafkaError.FromCode(ErrorCode);
}

/// <summary>The DescribeConfigs response, versions 0-4 (flexible from 4).</summary>
public sealed record DescribeConfigsResponse(int ThrottleTimeMs, IReadOnlyList<DescribeConfigsResult> Results)
{
    public void Write(KafkaWriter writer, short version)
    {
        var flexible = DescribeConfigsRequest.IsFlexible(version);
        writer.WriteInt32(ThrottleTimeMs);
        writer.WriteArray(Results, (w, result) =>
        {
            w.WriteInt16(result.ErrorCode);
            w.WriteNullableString(result.ErrorMessage, flexible);
            w.WriteInt8((sbyte)result.ResourceType);
            w.WriteString(result.ResourceName, flexible);
            w.WriteArray(result.Configs, (cw, entry) => WriteEntry(cw, entry, version, flexible), flexible);
            if (flexible)
                w.WriteEmptyTaggedFields();
        }, flexible);
        if (flexible)
            writer.WriteEmptyTaggedFields();
    }

    public static DescribeConfigsResponse Read(KafkaReader reader, short version)
    {
        var flexible = DescribeConfigsRequest.IsFlexible(version);
        var throttle = reader.ReadInt32("DescribeConfigs throttle time");
        var results = reader.ReadArray("DescribeConfigs results", r =>
        {
            var errorCode = r.ReadInt16("DescribeConfigs result error code");
            var errorMessage = r.ReadNullableString("DescribeConfigs result error message", flexible);
            var type = (ConfigResourceType)r.ReadInt8("DescribeConfigs result resource type");
            var name = r.ReadString("DescribeConfigs result resource name", flexible);
            var configs = r.ReadArray("DescribeConfigs configs", cr => ReadEntry(cr, version, flexible), flexible);
            if (flexible)
                r.SkipTaggedFields("DescribeConfigs result tagged fields");
            return new DescribeConfigsResult(errorCode, errorMessage, type, name, configs);
        }, flexible);
        if (flexible)
            reader.SkipTaggedFields("DescribeConfigs tagged fields");
        return new DescribeConfigsResponse(throttle, results);
    }

    private static void WriteEntry(KafkaWriter writer, ConfigEntry entry, short version, bool flexible)
    {
        writer.WriteString(entry.Name, flexible);
        writer.WriteNullableString(entry.Value, flexible);
        writer.WriteBool(entry.ReadOnly);
        if (version == 0)
            writer.WriteBool(entry.IsDefault);
        if (version >= 1)
            writer.WriteInt8((sbyte)entry.Source);
        writer.WriteBool(entry.IsSensitive);
        if (version >= 1)
        {
            writer.WriteArray(entry.Synonyms ?? [], (w, synonym) =>
            {
                w.WriteString(synonym.Name, flexible);
                w.WriteNullableString(synonym.Value, flexible);
                w.WriteInt8((sbyte)synonym.Source);
                if (flexible)
                    w.WriteEmptyTaggedFields();
            }, flexible);
        }
        if (version >= 3)
        {
            writer.WriteInt8(entry.ConfigType);
            writer.WriteNullableString(entry.Documentation, flexible);
        }
        if (flexible)
            writer.WriteEmptyTaggedFields();
    }

    private static ConfigEntry ReadEntry(KafkaReader reader, short version, bool flexible)
    {
        var name = reader.ReadString("DescribeConfigs config name", flexible);
        var value = reader.ReadNullableString("DescribeConfigs config value", flexible);
        var readOnly = reader.ReadBool("DescribeConfigs config read only");
        var isDefault = version == 0 && reader.ReadBool("DescribeConfigs config is default");
        var source = version >= 1 ? (ConfigSource)reader.ReadInt8("DescribeConfigs config source") : (ConfigSource)(-1);
        var sensitive = reader.ReadBool("DescribeConfigs config is sensitive");
        IReadOnlyList<ConfigSynonym>? synonyms = version >= 1
            ? reader.ReadArray("DescribeConfigs config synonyms", r =>
            {
                var synonym = new ConfigSynonym(
                    r.ReadString("DescribeConfigs synonym name", flexible),
                    r.ReadNullableString("DescribeConfigs synonym value", flexible),
                    (ConfigSource)r.ReadInt8("DescribeConfigs synonym source"));
                if (flexible)
                    r.SkipTaggedFields("DescribeConfigs synonym tagged fields");
                return synonym;
            }, flexible)
            : null;
        var configType = version >= 3 ? reader.ReadInt8("DescribeConfigs config type") : (sbyte)0;
        var documentation = version >= 3 ? reader.ReadNullableString("DescribeConfigs config documentation", flexible) : null;
        if (flexible)
            reader.SkipTaggedFields("DescribeConfigs config tagged fields");
        return new ConfigEntry(name, value, readOnly, isDefault, source, sensitive, synonyms, configType, documentation);
    }
}
