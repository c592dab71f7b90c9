using k8s.Exceptions;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Actors.Kubernetes;

/// <summary>
/// One parsed kubeconfig file: its named clusters, users and contexts as raw YAML mappings, kept
/// with their file and line so every later error can say where the bad value is.
/// </summary>
internal sealed class KubeConfigDocument
{
    public required string File { get; init; }
    public required string Directory { get; init; }
    public string? CurrentContext { get; init; }
    public List<KubeConfigEntry> Clusters { get; } = [];
    public List<KubeConfigEntry> Users { get; } = [];
    public List<KubeConfigEntry> Contexts { get; } = [];

    public static KubeConfigDocument Read(string path)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"Cannot read kubeconfig '{path}': {e.Message}", e);
        }
        var full = Path.GetFullPath(path);
        return Parse(text, full, Path.GetDirectoryName(full) ?? Environment.CurrentDirectory);
    }

    public static KubeConfigDocument Parse(string text, string file, string directory)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KubeConfigException($"kubeconfig {file}: not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new KubeConfigDocument { File = file, Directory = directory };
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new KubeConfigException($"kubeconfig {file}: expected a mapping (apiVersion, clusters, users, contexts…) at the top, found {Describe(stream.Documents[0].RootNode)}.");

        var document = new KubeConfigDocument
        {
            File = file,
            Directory = directory,
            CurrentContext = Scalar(root, "current-context", file),
        };
        ReadNamed(root, "clusters", "cluster", file, document.Clusters);
        ReadNamed(root, "users", "user", file, document.Users);
        ReadNamed(root, "contexts", "context", file, document.Contexts);
        foreach (var entry in document.Clusters.Concat(document.Users).Concat(document.Contexts)) entry.Directory = directory;
        return document;
    }

    private static void ReadNamed(YamlMappingNode root, string listKey, string bodyKey, string file, List<KubeConfigEntry> into)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var node) || node is YamlScalarNode { Value: null or "" or "null" }) return;
        if (node is not YamlSequenceNode list)
            throw new KubeConfigException($"kubeconfig {file}: '{listKey}' at {At(node)} must be a list, found {Describe(node)}.");
        foreach (var item in list)
        {
            if (item is not YamlMappingNode entry)
                throw new KubeConfigException($"kubeconfig {file}: each entry of '{listKey}' must be a mapping with 'name' and '{bodyKey}' ({At(item)}).");
            var name = Scalar(entry, "name", file);
            if (string.IsNullOrEmpty(name))
                throw new KubeConfigException($"kubeconfig {file}: an entry of '{listKey}' at {At(item)} has no name.");
            entry.Children.TryGetValue(new YamlScalarNode(bodyKey), out var body);
            if (body is not null and not YamlMappingNode && body is not YamlScalarNode { Value: null or "" or "null" })
                throw new KubeConfigException($"kubeconfig {file}: '{bodyKey}' of {listKey[..^1]} '{name}' at {At(body)} must be a mapping, found {Describe(body)}.");
            into.Add(new KubeConfigEntry(name, body as YamlMappingNode ?? new YamlMappingNode(), file, directory: null, entry.Start));
        }
    }

    internal static string? Scalar(YamlMappingNode map, string key, string file)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node)) return null;
        if (node is not YamlScalarNode scalar)
            throw new KubeConfigException($"kubeconfig {file}: '{key}' at {At(node)} must be a single value, found {Describe(node)}.");
        return scalar.Value is "null" or "~" && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain ? null : scalar.Value;
    }

    internal static string At(YamlNode node) => $"line {node.Start.Line}, column {node.Start.Column}";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => node.NodeType.ToString(),
    };
}

/// <summary>A named cluster, user or context of one file.</summary>
internal sealed class KubeConfigEntry(string name, YamlMappingNode body, string file, string? directory, Mark start)
{
    public string Name => name;
    public YamlMappingNode Body => body;
    public string File => file;
    public string? Directory { get; set; } = directory;
    public string Where => $"{file} (line {start.Line})";

    public string? String(string key) => KubeConfigDocument.Scalar(body, key, file);

    public bool Bool(string key)
    {
        var text = String(key);
        if (text is null) return false;
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" or "" => false,
            _ => throw new KubeConfigException($"kubeconfig {Where}: '{key}' of '{name}' must be true or false, found '{text}'."),
        };
    }

    public bool Has(string key) => body.Children.ContainsKey(new YamlScalarNode(key));
}
