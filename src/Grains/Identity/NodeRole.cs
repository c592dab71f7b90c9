using System.Text.Json.Serialization;

namespace Actors.Grains.Identity;

/// <summary>The KRaft role of a node. Controllers hold the metadata quorum; brokers hold the data.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeRole>))]
[GenerateSerializer, Alias("actors.NodeRole")]
public enum NodeRole
{
    Controller,
    Broker,
}

public static class NodeRoleNames
{
    /// <summary>The word used in names, labels and <c>process.roles</c>: <c>controller</c> or <c>broker</c>.</summary>
    public static string Word(this NodeRole role) => role switch
    {
        NodeRole.Controller => "controller",
        NodeRole.Broker => "broker",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? word, out NodeRole role)
    {
        switch (word)
        {
            case "controller": role = NodeRole.Controller; return true;
            case "broker": role = NodeRole.Broker; return true;
            default: role = default; return false;
        }
    }
}
