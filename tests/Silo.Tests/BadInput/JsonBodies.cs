using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// Request bodies for POST …/scale that are each wrong in one way: cut short, a wrong type, a
/// number no integer holds, nested past any sense, a repeated or unknown key, bytes that are not
/// UTF-8, another charset, or nothing at all. None is a body the API may act on.
/// </summary>
public static class JsonBodies
{
    /// <summary>Values of the wrong type or out of any integer's range; some are not JSON at all (NaN, 0x10, +5).</summary>
    public static readonly string[] WrongValues =
    [
        "\"5\"", "true", "false", "null", "[5]", "{\"n\":5}", "5.0", "5e0", "5.5", "-1", "0", "1001", "-0",
        "2147483648", "-2147483649", "9223372036854775808", "1e400", "-1e400", "99999999999999999999999999999999",
        "NaN", "Infinity", "0x10", "05", "+5", "\"\"", "\"\\u0000\"",
    ];

    private static Gen<string> Text(string alphabet, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(c => new string(c));

    private static Gen<(string, byte[])> Utf8(string what, Gen<string> json) => json.Select(j => (what, Encoding.UTF8.GetBytes(j)));

    private static readonly Gen<(string, byte[])> Truncated =
        from cut in Gen.Choose(0, 13)
        select ("truncated", Encoding.UTF8.GetBytes("""{"brokers": 7}"""[..cut]));

    private static readonly Gen<(string, byte[])> WrongType =
        Utf8("wrong type", Gen.Elements(WrongValues).Select(v => $$"""{"brokers": {{v}}}"""));

    private static readonly Gen<(string, byte[])> DeepNesting =
        from depth in Gen.Choose(17, 3000)
        from array in Gen.Elements(true, false)
        from inBrokers in Gen.Elements(true, false)
        let open = array ? new string('[', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth))
        let close = array ? new string(']', depth) : new string('}', depth)
        let nested = open + "7" + close
        select ("deep nesting", Encoding.UTF8.GetBytes(inBrokers ? $$"""{"brokers": {{nested}}}""" : nested));

    private static readonly Gen<(string, byte[])> DuplicateOrUnknownKey =
        Utf8("duplicate or unknown key", Gen.Elements(
            """{"brokers": 7, "brokers": 7}""", """{"brokers": 7, "brokers": 8}""", """{"Brokers": 7}""", """{"brokers ": 7}""",
            """{"brokers": 7, "replicas": 7}""", """{"\u0062rokers": 7, "brokers": 7}""", """{"": 7}""", """{"brokers": 7, "": null}"""));

    private static readonly Gen<(string, byte[])> NotJson =
        Utf8("not JSON", Gen.Elements(
            "brokers=7", "{brokers: 7}", "{'brokers': 7}", """{"brokers": 7,}""", """{"brokers": 7} {}""", """{"brokers": 7} x""",
            """{"brokers": 7 /* seven */}""", """// seven\n{"brokers": 7}""", "[7]", "7", "\"brokers\"", "null", " ", "\n\t ",
            """{"brokers" 7}""", """{"brokers": 7""", """{"brokers":: 7}""", "<brokers>7</brokers>"));

    private static readonly Gen<(string, byte[])> InvalidUtf8 =
        from bad in Gen.Elements<byte[]>([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x80])
        from place in Gen.Elements("key", "value", "after")
        select ("invalid UTF-8 in the " + place, place switch
        {
            "key" => (byte[])[.. "{\"bro"u8, .. bad, .. "kers\": 7}"u8],
            "value" => [.. "{\"brokers\": \""u8, .. bad, .. "\"}"u8],
            _ => [.. "{\"brokers\": 7}"u8, .. bad],
        });

    private static readonly Gen<(string, byte[])> OtherEncoding =
        from encoding in Gen.Elements(Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, Encoding.Latin1)
        from value in Gen.Elements("7", "\"sieben-ä\"")
        let bytes = encoding.GetBytes($$"""{"brokers": {{value}}}""")
        where encoding != Encoding.Latin1 || value != "7" // Latin-1 of ASCII is UTF-8: a good body
        select ($"{encoding.WebName} bytes", bytes);

    private static readonly Gen<(string, byte[])> RandomBytes =
        from length in Gen.Choose(1, 200)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        where bytes[0] != (byte)'{' // a random object could, in theory, be a good one
        select ("random bytes", bytes);

    private static readonly Gen<(string, byte[])> Garbage =
        Utf8("printable garbage", Text("{}[]\":,0123456789abrokes\\ \n-.eE", 1, 80).Where(s => !s.Contains("brokers", StringComparison.Ordinal)));

    /// <summary>One broken body, with what is broken about it.</summary>
    public static readonly Gen<(string What, byte[] Body)> Malformed =
        Gen.OneOf(Truncated, WrongType, DeepNesting, DuplicateOrUnknownKey, NotJson, InvalidUtf8, OtherEncoding, RandomBytes, Garbage);
}
