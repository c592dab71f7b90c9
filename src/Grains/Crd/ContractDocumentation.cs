using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Actors.Grains.Crd;

/// <summary>
/// The summaries of the contract types' doc comments, read from the XML documentation file the
/// Contracts project generates (embedded in this assembly), as plain text for a CRD's
/// <c>description</c>: what <c>kubectl explain</c> prints. The comments stay the one place a
/// field is described, for C# readers and Kubernetes users alike.
/// </summary>
public static partial class ContractDocumentation
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Summaries = new(Load);

    public static string? Of(Type type) => Summaries.Value.GetValueOrDefault("T:" + Name(type));

    public static string? Of(PropertyInfo property) =>
        Summaries.Value.GetValueOrDefault($"P:{Name(property.DeclaringType!)}.{property.Name}");

    private static string Name(Type type) => type.FullName!.Replace('+', '.');

    private static IReadOnlyDictionary<string, string> Load()
    {
        using var stream = typeof(ContractDocumentation).Assembly.GetManifestResourceStream("Actors.Contracts.xml")
            ?? throw new InvalidOperationException("Actors.Contracts.xml is not embedded: build src/Contracts (it generates the file) before src/Grains.");
        return XDocument.Load(stream).Descendants("member")
            .Where(member => member.Element("summary") is not null)
            .ToDictionary(member => (string)member.Attribute("name")!, member => PlainText(member.Element("summary")!));
    }

    /// <summary><c>&lt;c&gt;x&lt;/c&gt;</c> becomes x, a <c>see</c> its target's last name; white space folds to single spaces.</summary>
    private static string PlainText(XElement summary)
    {
        var text = new StringBuilder();
        foreach (var node in summary.DescendantNodes())
        {
            if (node is XText plain) text.Append(plain.Value);
            else if (node is XElement { Name.LocalName: "see" or "paramref" or "typeparamref" } reference && !reference.Nodes().Any())
                text.Append(((string?)reference.Attribute("cref") ?? (string?)reference.Attribute("langword") ?? (string?)reference.Attribute("name") ?? "").Split('.', ':')[^1]);
        }

        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
