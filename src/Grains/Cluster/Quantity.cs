using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.Grains.Cluster;

/// <summary>
/// Reads Kubernetes resource quantities (<c>100Gi</c>, <c>500m</c>, <c>1e3</c>) into a number,
/// enough to compare storage sizes and to refuse malformed values with a field path. The text must
/// match the grammar of Kubernetes' <c>resource.Quantity</c> exactly, nothing before or after it.
/// </summary>
public static partial class Quantity
{
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (text is null) return false;
        var match = Format().Match(text);
        if (!match.Success) return false;
        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var number))
            return false;
        var suffix = match.Groups["suffix"].Value;
        try
        {
            value = number * Multiplier(suffix);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static decimal Multiplier(string suffix)
    {
        if (suffix.Length > 1 && (suffix[0] == 'e' || suffix[0] == 'E'))
        {
            var exponent = int.Parse(suffix[1..], CultureInfo.InvariantCulture);
            if (exponent is < -18 or > 18) throw new OverflowException();
            var result = 1m;
            for (var i = 0; i < Math.Abs(exponent); i++) result *= 10;
            return exponent < 0 ? 1 / result : result;
        }

        return suffix switch
        {
            "" => 1m,
            "m" => 0.001m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "P" => 1e15m,
            "E" => 1e18m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
            "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
            _ => throw new OverflowException(),
        };
    }

    // \A and \z, not ^ and $: in .NET $ also matches before a final newline, and "10Gi\n"
    // would reach a PVC that kube-apiserver refuses. [0-9], not \d, which takes any Unicode digit.
    [GeneratedRegex(@"\A(?<number>[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+))(?<suffix>[eE][+-]?[0-9]{1,2}|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?\z")]
    private static partial Regex Format();
}
