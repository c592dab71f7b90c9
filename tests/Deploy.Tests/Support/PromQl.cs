namespace Actors.Deploy.Tests.Support;

/// <summary>
/// The metric names a PromQL expression reads. A small scanner, not a parser: it skips strings,
/// label matchers <c>{…}</c>, ranges <c>[…]</c>, the label lists of <c>by</c>/<c>without</c>/
/// <c>on</c>/<c>ignoring</c>/<c>group_left</c>/<c>group_right</c>, numbers and durations, and
/// Grafana variables; every remaining identifier that is not a function call, an aggregation or
/// a keyword is a metric name. promtool checks the syntax; this only reads names.
/// </summary>
public static class PromQl
{
    static readonly HashSet<string> Aggregations =
        ["sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio"];

    static readonly HashSet<string> LabelListKeywords = ["by", "without", "on", "ignoring", "group_left", "group_right"];

    static readonly HashSet<string> Keywords = ["and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "Inf", "NaN", "start", "end"];

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var s = expression;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '"' or '\'' or '`') { i = SkipString(s, i); continue; }
            if (c == '{') { i = SkipPast(s, i, '{', '}'); continue; }
            if (c == '[') { i = SkipPast(s, i, '[', ']'); continue; }
            if (c == '#') { while (i < s.Length && s[i] != '\n') i++; continue; }
            if (c == '$') { i = SkipIdentifier(s, i + 1); continue; }
            if (char.IsAsciiDigit(c) || c == '.') { while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '.')) i++; continue; }
            if (IsIdentifierStart(c))
            {
                var end = SkipIdentifier(s, i);
                var word = s[i..end];
                var next = SkipSpaces(s, end);
                var callsSomething = next < s.Length && s[next] == '(';
                if (LabelListKeywords.Contains(word))
                    i = callsSomething ? SkipPast(s, next, '(', ')') : end;
                else
                {
                    if (!callsSomething && !Aggregations.Contains(word) && !Keywords.Contains(word)) names.Add(word);
                    i = end;
                }
                continue;
            }
            i++;
        }
        return names;
    }

    static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    static int SkipIdentifier(string s, int i)
    {
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or ':')) i++;
        return i;
    }

    static int SkipSpaces(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        return i;
    }

    static int SkipString(string s, int i)
    {
        var quote = s[i++];
        while (i < s.Length && s[i] != quote) i += s[i] == '\\' && quote != '`' ? 2 : 1;
        return i + 1;
    }

    /// <summary>From an opening bracket to just past its closing one, skipping strings inside.</summary>
    static int SkipPast(string s, int i, char open, char close)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '"' or '\'' or '`') { i = SkipString(s, i); continue; }
            if (c == open) depth++;
            else if (c == close && --depth == 0) return i + 1;
            i++;
        }
        return i;
    }
}
