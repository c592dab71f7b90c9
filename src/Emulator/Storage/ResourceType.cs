using System.Text.Json.Nodes;

namespace Actors.Emulator.Storage;

/// <summary>A column a Table response shows, taken from a CRD's additionalPrinterColumns or built in.</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string Format = "", string Description = "", int Priority = 0);

/// <summary>
/// One resource the emulator serves at one group/version. Objects are stored per
/// <see cref="StorageKey"/> (group and plural), so every served version of a CRD shares one store.
/// </summary>
public sealed record ResourceType
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Plural { get; init; }
    public required string Singular { get; init; }
    public required string Kind { get; init; }
    public required bool Namespaced { get; init; }
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public bool HasStatus { get; init; }
    /// <summary>True for resources a CRD defines: they get schema defaults, validation and no strategic merge patch.</summary>
    public bool IsCustom { get; init; }
    /// <summary>The openAPIV3Schema of a custom resource version; null for built-ins.</summary>
    public JsonObject? Schema { get; init; }
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];
    public IReadOnlyList<string> Verbs { get; init; } =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public string StorageKey => $"{Group}/{Plural}";
    public string ListKind => Kind + "List";
    /// <summary>How kube-apiserver names the resource in messages: "pods", "kafkaclusters.kafka.actors.dev".</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
