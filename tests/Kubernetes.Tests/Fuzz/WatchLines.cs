using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Kubernetes.Tests.Fuzz;

/// <summary>A watch event line carrying a <see cref="BadObject"/>.</summary>
public sealed record BadEvent(string Type, BadObject Object)
{
    public string Line => $$"""{"type":"{{Type}}","object":{{Object.Json}}}""";

    public override string ToString() => $"{Type} {Object}";
}

/// <summary>A line of a watch stream that is not an event at all, with what is wrong with it.</summary>
public sealed record NotAnEvent(string What, string Line)
{
    public override string ToString() => $"{What}: {(Line.Length > 300 ? Line[..300] + "…" : Line)}";
}

/// <summary>Watch stream lines: events whose object is bad, and lines that are no event.</summary>
public static class WatchLines
{
    public static readonly Gen<BadEvent> BadEvents =
        from type in Gen.Frequency((3, Gen.Constant("ADDED")), (3, Gen.Constant("MODIFIED")), (2, Gen.Constant("DELETED")), (1, Gen.Constant("BOOKMARK")), (1, Gen.Constant("ERROR")))
        from bad in BadObject.Any
        select new BadEvent(type, bad);

    /// <summary>An event whose object is not an object at all.</summary>
    public static readonly Gen<string> ObjectNotAnObject = Gen.Elements("null", "5", "\"pod\"", "[]", "[{}]", "true", "{}");

    private static readonly string GoodLine = $$"""{"type":"ADDED","object":{{WatchedObjects.Pod("b0", "7").ToJsonString()}}}""";

    private static readonly Gen<NotAnEvent> Truncated =
        from cut in Gen.Choose(1, GoodLine.Length - 1)
        select new NotAnEvent($"cut at {cut}", GoodLine[..cut]);

    private static readonly Gen<NotAnEvent> WrongShape =
        Gen.Elements(
            "[]", "[" + GoodLine + "]", "5", "\"ADDED\"", "null", "true", "{}", """{"type":"ADDED"}""", """{"object":{}}""",
            """{"type":null,"object":{}}""", """{"type":5,"object":{}}""", """{"type":"added","object":{}}""", """{"type":"ADDED ","object":{}}""",
            """{"type":"DELETE","object":{}}""", """{"type":"\ud800","object":{}}""", """{"type":"","object":{}}""", """{"type":["ADDED"],"object":{}}""",
            """{"Type":"ADDED","Object":{}}""")
        .Select(line => new NotAnEvent("not an event's shape", line));

    private static readonly Gen<NotAnEvent> NotJson =
        Gen.Elements(
            GoodLine + GoodLine, GoodLine + " x", GoodLine + ",", "{type: ADDED}", "{'type':'ADDED','object':{}}", GoodLine.Replace("\"b0\"", "\"b0"),
            GoodLine.Replace(":", "::"), "<html>502 Bad Gateway</html>", " ", "\t", "\uFEFF", "{\"type\":\"ADDED\",\"object\":{\"a\":\"\\u00\"}}",
            "{\"type\":\"ADDED\",\"object\":{\"a\":\"\\x41\"}}", "{\"type\":\"ADDED\",\"object\":{\"a\":NaN}}")
        .Select(line => new NotAnEvent("not JSON", line));

    /// <summary>Bytes that are not UTF-8 before the line, read as the stream reader reads them (U+FFFD).</summary>
    private static readonly Gen<NotAnEvent> InvalidUtf8 =
        from bad in Gen.Elements<byte[]>([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80], [0xfe, 0xff])
        select new NotAnEvent("invalid UTF-8 before the event", Encoding.UTF8.GetString([.. bad, .. Encoding.UTF8.GetBytes(GoodLine)]));

    private static readonly Gen<NotAnEvent> Garbage =
        from length in Gen.Choose(1, 120)
        from chars in Gen.ArrayOf(Gen.Elements("{}[]\":,0123456789aDEDtypobjc\\ -.eE".ToCharArray()), length)
        let text = new string(chars)
        where !text.Contains("object", StringComparison.Ordinal) && text.Trim().Length > 0
        select new NotAnEvent("printable garbage", text);

    public static readonly Gen<NotAnEvent> NotEvents = Gen.OneOf(Truncated, WrongShape, NotJson, InvalidUtf8, Garbage);
}
