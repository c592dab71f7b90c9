using System.Globalization;
using System.Text;

namespace Actors.Silo.Tests.Telemetry;

/// <summary>One sample line of a /metrics answer: series name, labels (unescaped) and value.</summary>
public sealed record ScrapedSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Reads a Prometheus text-format answer (0.0.4) the way a scraper does, so tests ask for a
/// series by its labels rather than by the exporter's label order or extra labels
/// (otel_scope_name) in a raw line.
/// </summary>
public sealed class ScrapedText(string text)
{
    public string Text { get; } = text;

    public IReadOnlyList<ScrapedSample> Samples { get; } = text.Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(Parse)
        .ToList();

    /// <summary>"# TYPE name kind" of each family.</summary>
    public IReadOnlyDictionary<string, string> Types { get; } = text.Split('\n')
        .Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal))
        .Select(line => line.Split(' '))
        .ToDictionary(parts => parts[2], parts => parts[3], StringComparer.Ordinal);

    /// <summary>The samples of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public IReadOnlyList<ScrapedSample> Find(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();

    /// <summary>The value of the one sample that matches; fails naming what was there when none or several do.</summary>
    public double Value(string name, params (string Key, string Value)[] labels)
    {
        var found = Find(name, labels);
        Assert.True(found.Count == 1,
            $"Expected one {name} sample with {{{string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}}, found {found.Count}. The {name} samples:\n"
            + string.Join("\n", Samples.Where(s => s.Name == name).Select(s => string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}")) + " " + s.Value)));
        return found[0].Value;
    }

    private static ScrapedSample Parse(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = line.IndexOfAny(['{', ' ']);
        var name = line[..i];
        if (line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                var key = line[i..equals];
                i = equals + 2; // past ="
                var value = new StringBuilder();
                for (; line[i] != '"'; i++)
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                    {
                        value.Append(line[i]);
                    }
                }

                labels[key] = value.ToString();
                i++; // past the closing quote
                if (line[i] == ',') i++;
            }

            i++; // past }
        }

        // The value, then an optional timestamp.
        var fields = line[i..].Trim().Split(' ');
        var number = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var raw => double.Parse(raw, CultureInfo.InvariantCulture),
        };
        return new ScrapedSample(name, labels, number);
    }
}
