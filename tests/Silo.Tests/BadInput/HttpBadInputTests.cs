using FsCheck;
using FsCheck.Fluent;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// The HTTP API under generated bad requests (<see cref="HttpRequests"/>), over the real listener
/// and the real operations on the emulator: each is answered with the 4xx problem that names
/// what is wrong, nothing is written, and the silo keeps serving.
/// </summary>
public sealed class HttpBadInputTests(BadInputSilo target) : IClassFixture<BadInputSilo>, IDisposable
{
    private readonly HttpCampaign campaign = new(target);

    private Property Holds(Gen<HttpProbe> requests) =>
        Prop.ForAll(Arb.From(requests), probe => Task.Run(() => campaign.CheckAsync(probe)).GetAwaiter().GetResult());

    [CampaignProperty(Runs = 120)]
    public Property A_malformed_body_is_a_bad_request_that_changes_nothing() => Holds(HttpRequests.MalformedBody);

    [CampaignProperty(Runs = 30)]
    public Property A_body_that_is_not_utf8_json_by_its_type_is_an_unsupported_media_type() => Holds(HttpRequests.OddContentType);

    [CampaignProperty(Runs = 12)]
    public Property A_body_over_the_limit_is_refused_with_413_declared_or_chunked() => Holds(HttpRequests.OverTheLimit);

    [CampaignProperty(Runs = 80)]
    public Property A_path_segment_that_is_not_a_kubernetes_name_is_refused() => Holds(HttpRequests.OddPath);

    [CampaignProperty(Runs = 30)]
    public Property A_method_the_route_does_not_serve_is_405() => Holds(HttpRequests.WrongMethod);

    [CampaignProperty(Runs = 60)]
    public Property A_write_without_the_admin_token_changes_nothing() => Holds(HttpRequests.WriteWithoutAdminToken);

    [CampaignProperty(Runs = 30)]
    public Property A_read_needs_a_valid_token_and_the_admin_token_may_read() => Holds(HttpRequests.ReadWithOddToken);

    [CampaignProperty(Runs = 100)]
    public Property Any_bad_request_is_answered_and_changes_nothing() => Holds(HttpRequests.Any);

    public void Dispose() => campaign.Dispose();
}
