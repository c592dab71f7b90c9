using System.Text;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// One generated HTTP request and the statuses that would say what is wrong with it. The text of
/// a case is what a failure reports, so it names the oddity without echoing a huge body.
/// </summary>
public sealed record HttpProbe(
    string What, string Method, string Path, string? Authorization, byte[]? Body, string? ContentType, bool Chunked, int[] Expected)
{
    public override string ToString()
    {
        var body = Body is null ? "no body" : $"{Body.Length} bytes{(Chunked ? " chunked" : "")} '{Preview(Body)}'";
        return $"{What}: {Method} {Shorten(Path)} auth='{Shorten(Authorization ?? "(none)")}' type='{ContentType ?? "(none)"}' {body}; expected {string.Join('/', Expected)}";
    }

    private static string Preview(byte[] body) =>
        Shorten(Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 60))).ReplaceLineEndings("\\n"));

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
