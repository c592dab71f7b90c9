using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;

namespace Actors.Silo.Api.Refusals;

/// <summary>
/// A request Kestrel refused while reading it — a NUL (%00) in the path, a byte that is not a
/// request-target character, a missing Host — before any middleware could run.
/// <paramref name="Reason"/> is Kestrel's own words ("Invalid request target"); <paramref name="Target"/>
/// the raw request target when Kestrel got that far.
/// </summary>
public sealed partial record ServerRefusal(string Reason, string? Target, string? TraceId)
{
    /// <summary>What Kestrel knows at its "BadRequest" diagnostic event, read from the request's features.</summary>
    public static ServerRefusal From(IFeatureCollection request)
    {
        var message = request.Get<IBadRequestExceptionFeature>()?.Error?.Message;
        var target = request.Get<IHttpRequestFeature>()?.RawTarget;
        return new ServerRefusal(
            ReasonOf(message),
            string.IsNullOrEmpty(target) ? null : target,
            request.Get<IHttpRequestIdentifierFeature>()?.TraceIdentifier);
    }

    /// <summary>
    /// Kestrel appends the offending text (": '…'") only when its Information logging is on, so it
    /// is dropped and the target, when known, is named from the request instead.
    /// </summary>
    public static string ReasonOf(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "The request is not valid HTTP/1.1";
        }

        return QuotedDetail().Replace(message, "").TrimEnd('.', ' ');
    }

    [GeneratedRegex(@": '.*'\z", RegexOptions.Singleline)]
    private static partial Regex QuotedDetail();
}
