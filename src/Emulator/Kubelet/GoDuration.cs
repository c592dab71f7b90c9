using System.Globalization;
using System.Text.RegularExpressions;

namespace Actors.Emulator.Kubelet;

/// <summary>Go's duration syntax ("300ms", "2s", "1m30s", "1h"), the form Kubernetes users already write.</summary>
public static partial class GoDuration
{
    [GeneratedRegex(@"\A(?:([0-9]+(?:\.[0-9]+)?)(h|ms|m|s))+\z")]
    private static partial Regex Whole();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(h|ms|m|s)")]
    private static partial Regex Part();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text == "0") return true;
        if (!Whole().IsMatch(text)) return false;
        foreach (Match m in Part().Matches(text))
        {
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += m.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                _ => TimeSpan.FromMilliseconds(value),
            };
        }
        return true;
    }

    public static string Format(TimeSpan d) =>
        d.TotalSeconds == Math.Floor(d.TotalSeconds) ? $"{(long)d.TotalSeconds}s" : $"{(long)d.TotalMilliseconds}ms";
}
