using System.Text.Json.Nodes;
using Actors.Emulator.Storage;

namespace Actors.Emulator.Handlers;

/// <summary>
/// The apiVersion and kind of a create or update body, checked as kube-apiserver's decoders check them.
/// A built-in body may leave both out (the URL supplies them); one naming another kind cannot be
/// converted. A custom resource is decoded as unstructured JSON, which needs a kind, and is then
/// validated to carry exactly the served apiVersion and kind.
/// </summary>
internal static class TypeMeta
{
    public static void Check(ResourceType type, JsonObject body, ResourceCatalog catalog)
    {
        var kind = body.Text("kind");
        var apiVersion = body.Text("apiVersion");
        if (type.IsCustom) CheckCustom(type, body, kind, apiVersion);
        else CheckBuiltin(type, kind, apiVersion, catalog);
    }

    static void CheckBuiltin(ResourceType type, string? kind, string? apiVersion, ResourceCatalog catalog)
    {
        var givenVersion = string.IsNullOrEmpty(apiVersion) ? type.GroupVersion : apiVersion;
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            var version = givenVersion.Contains('/') ? givenVersion[(givenVersion.IndexOf('/') + 1)..] : givenVersion;
            var reason = catalog.FindKind(givenVersion, kind) is { IsCustom: false }
                ? $"converting ({version}.{kind}) to ({InternalPackage(type)}.{type.Kind}): unknown conversion"
                : $"no kind \"{kind}\" is registered for version \"{givenVersion}\" in scheme \"pkg/api/legacyscheme/scheme.go:30\"";
            throw ApiError.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {type.Kind}: {reason}");
        }
        if (givenVersion != type.GroupVersion)
            throw ApiError.BadRequest($"the API version in the data ({givenVersion}) does not match the expected API version ({type.GroupVersion})");
    }

    static void CheckCustom(ResourceType type, JsonObject body, string? kind, string? apiVersion)
    {
        if (string.IsNullOrEmpty(kind))
            throw ApiError.BadRequest("Object 'Kind' is missing in 'unstructured object has no kind'");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.GroupVersion && apiVersion.StartsWith(type.Group + "/", StringComparison.Ordinal))
            throw ApiError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        var causes = new List<StatusCause>();
        if (kind != type.Kind)
            causes.Add(new("FieldValueInvalid", $"Invalid value: \"{kind}\": must be {type.Kind}", "kind"));
        if (apiVersion != type.GroupVersion)
            causes.Add(new("FieldValueInvalid", $"Invalid value: \"{apiVersion}\": must be {type.GroupVersion}", "apiVersion"));
        if (causes.Count > 0) throw ApiError.Invalid(type, body.Text("metadata", "name") ?? "", causes);
    }

    /// <summary>The Go package of kube-apiserver's internal type, as its conversion errors name it.</summary>
    static string InternalPackage(ResourceType type) => type.Group.Length == 0 ? "core" : type.Group.Split('.')[0];
}
