using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Actors.Kubernetes;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinition (cluster-scoped).</summary>
public sealed class CustomResourceDefinition : KubernetesObject, IKubernetesResource
{
    public static ResourceType ResourceType { get; } =
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", Namespaced: false);

    public CustomResourceDefinition() { ApiVersion = "apiextensions.k8s.io/v1"; Kind = "CustomResourceDefinition"; }

    public CustomResourceDefinitionSpec Spec { get; set; } = new();
    public CustomResourceDefinitionStatus? Status { get; set; }
}

public sealed class CustomResourceDefinitionSpec : KubernetesModel
{
    public string Group { get; set; } = "";
    public CustomResourceDefinitionNames Names { get; set; } = new();
    /// <summary>Namespaced or Cluster.</summary>
    public string Scope { get; set; } = "Namespaced";
    public List<CustomResourceDefinitionVersion> Versions { get; set; } = [];
    public bool? PreserveUnknownFields { get; set; }
}

public sealed class CustomResourceDefinitionNames : KubernetesModel
{
    public string Plural { get; set; } = "";
    public string? Singular { get; set; }
    public string Kind { get; set; } = "";
    public string? ListKind { get; set; }
    public List<string>? ShortNames { get; set; }
    public List<string>? Categories { get; set; }
}

public sealed class CustomResourceDefinitionVersion : KubernetesModel
{
    public string Name { get; set; } = "";
    public bool Served { get; set; }
    public bool Storage { get; set; }
    public bool? Deprecated { get; set; }
    public CustomResourceValidation? Schema { get; set; }
    public CustomResourceSubresources? Subresources { get; set; }
    public List<CustomResourceColumnDefinition>? AdditionalPrinterColumns { get; set; }
}

public sealed class CustomResourceValidation : KubernetesModel
{
    /// <summary>The structural schema, as JSON (its keywords are not C# names: x-kubernetes-…, $ref).</summary>
    [JsonPropertyName("openAPIV3Schema")]
    public JsonObject? OpenApiV3Schema { get; set; }
}

public sealed class CustomResourceSubresources : KubernetesModel
{
    /// <summary>Present (an empty object) to enable the status subresource.</summary>
    public CustomResourceSubresourceStatus? Status { get; set; }
    public CustomResourceSubresourceScale? Scale { get; set; }
}

public sealed class CustomResourceSubresourceStatus : KubernetesModel;

public sealed class CustomResourceSubresourceScale : KubernetesModel
{
    public string SpecReplicasPath { get; set; } = "";
    public string StatusReplicasPath { get; set; } = "";
    public string? LabelSelectorPath { get; set; }
}

public sealed class CustomResourceColumnDefinition : KubernetesModel
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "string";
    public string JsonPath { get; set; } = "";
    public string? Description { get; set; }
    public string? Format { get; set; }
    public int? Priority { get; set; }
}

public sealed class CustomResourceDefinitionStatus : KubernetesModel
{
    public List<CustomResourceDefinitionCondition>? Conditions { get; set; }
    public CustomResourceDefinitionNames? AcceptedNames { get; set; }
    public List<string>? StoredVersions { get; set; }
}

/// <summary>CRD conditions (Established, NamesAccepted) carry no observedGeneration.</summary>
public sealed class CustomResourceDefinitionCondition : KubernetesModel
{
    public string Type { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
