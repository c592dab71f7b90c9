using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Actors.Emulator.Validation;

/// <summary>
/// A CRD <c>pattern</c> matched as kube-apiserver (Go's RE2) matches it. The one difference that lets
/// bad input through: outside multi-line mode Go's <c>$</c> is the end of the text, while .NET's also
/// matches before a final newline ("10Gi\n" would pass <c>^[0-9]+Gi$</c>), so <c>$</c> becomes <c>\z</c>.
/// </summary>
internal static class GoRegex
{
    static readonly ConcurrentDictionary<string, Regex> Compiled = new();

    public static bool IsMatch(string input, string pattern) =>
        Compiled.GetOrAdd(pattern, p => new Regex(Translate(p), RegexOptions.CultureInvariant)).IsMatch(input);

    static string Translate(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }
            if (c == '[') inClass = true;
            else if (c == ']') inClass = false;
            if (c == '$' && !inClass) result.Append(@"\z");
            else result.Append(c);
        }
        return result.ToString();
    }
}
