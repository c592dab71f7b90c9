using Actors.Silo.Tests.Fakes;
using FsCheck;
using FsCheck.Fluent;
using Grpc.Core;

namespace Actors.Silo.Tests.BadInput;

/// <summary>One call through the generated .NET client: a method, the request's fields, the token.</summary>
public sealed record ClientCall(string Method, string Namespace, string Name, int Brokers, string? Authorization)
{
    public override string ToString() =>
        $"{Method}(namespace '{Shorten(Namespace)}' ({Namespace.Length} chars), name '{Shorten(Name)}' ({Name.Length} chars), brokers {Brokers}) auth='{Shorten(Authorization ?? "(none)")}'";

    private static string Shorten(string value) => (value.Length <= 40 ? value : value[..37] + "...").ReplaceLineEndings("\\n").Replace("\0", "\\0", StringComparison.Ordinal);
}

/// <summary>
/// Calls a C# user could make with the generated client that are wrong in their fields: names
/// that are not Kubernetes names (control characters, other scripts, upper case, too long, far
/// over the message limit), any broker count, any of the tokens. None names kafka/demo, so none
/// may change it.
/// </summary>
public static class ClientCalls
{
    private static readonly Gen<string> OddName = Gen.OneOf(
        Gen.Elements(
            "", "demo\n", "de\0mo", "\0", "DEMO", "-demo", "demo-", "de mo", "d_emo", "dемо", "демо", "😀", "demo\u200b", "a/b", "..",
            "demo\r\nx-injected: 1", "%00", "d\u00e9mo", "\ufffd", "demo\t", "\u202edemo"),
        Gen.Choose(254, 2000).Select(n => new string('a', n)), // too long as a namespace and as a name
        Gen.Choose(66 * 1024, 100 * 1024).Select(n => new string('z', n)));

    private static readonly Gen<string?> Token = Gen.Elements<string?>(
        "Bearer " + TestSilo.AdminToken, "Bearer " + TestSilo.ReadToken, null, "Bearer nope", TestSilo.AdminToken, "Basic Zm9vOmJhcg==");

    public static readonly Gen<ClientCall> Any =
        from method in Gen.Elements("GetCluster", "ListEvents", "ScaleBrokers", "RestartCluster", "PauseCluster", "ResumeCluster", "WatchCluster")
        from oddInName in Gen.Elements(true, false)
        from odd in OddName
        from brokers in Gen.OneOf(Gen.Choose(-5, 1005), Gen.Elements(int.MinValue, int.MaxValue, 0, 7))
        from token in Token
        select new ClientCall(method, oddInName ? "kafka" : odd, oddInName ? odd : "demo", brokers, token);

    /// <summary>What may answer such a call: the field is refused, the token is, or the message is too large.</summary>
    public static readonly StatusCode[] Expected =
        [StatusCode.InvalidArgument, StatusCode.Unauthenticated, StatusCode.PermissionDenied, StatusCode.ResourceExhausted];
}
