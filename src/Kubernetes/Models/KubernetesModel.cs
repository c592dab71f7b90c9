using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Kubernetes;

/// <summary>
/// Base of every model: fields the model does not name are kept here, so a read-modify-write
/// through this client never drops what a newer API server (or another controller) wrote.
/// </summary>
public abstract class KubernetesModel
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
