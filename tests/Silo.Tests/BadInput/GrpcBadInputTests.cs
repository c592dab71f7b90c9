using FsCheck;
using FsCheck.Fluent;

namespace Actors.Silo.Tests.BadInput;

/// <summary>
/// The gRPC API under generated bad calls (<see cref="GrpcCalls"/>) as bytes on the real h2c
/// listener, over the real operations on the emulator: each is answered with the status that
/// names what is wrong — never INTERNAL or UNKNOWN — nothing is written, and the silo keeps serving.
/// </summary>
public sealed class GrpcBadInputTests(BadInputSilo target) : IClassFixture<BadInputSilo>, IDisposable
{
    private readonly GrpcCampaign campaign = new(target);

    private Property Holds(Gen<GrpcProbe> calls) =>
        Prop.ForAll(Arb.From(calls), probe => Task.Run(() => campaign.CheckAsync(probe)).GetAwaiter().GetResult());

    [CampaignProperty(Runs = 100)]
    public Property Random_bytes_as_a_message_are_an_invalid_argument() => Holds(GrpcCalls.RandomMessage);

    [CampaignProperty(Runs = 60)]
    public Property A_field_of_the_wrong_wire_type_is_an_invalid_argument() => Holds(GrpcCalls.WrongFieldType);

    [CampaignProperty(Runs = 10)]
    public Property A_message_over_the_limit_exhausts_resources() => Holds(GrpcCalls.OverTheLimit);

    [CampaignProperty(Runs = 60)]
    public Property A_write_without_the_admin_token_changes_nothing() => Holds(GrpcCalls.WriteWithoutAdminToken);

    [CampaignProperty(Runs = 30)]
    public Property A_read_needs_a_valid_token_and_the_admin_token_may_read() => Holds(GrpcCalls.ReadWithOddToken);

    [CampaignProperty(Runs = 30)]
    public Property An_unknown_method_is_unimplemented() => Holds(GrpcCalls.UnknownMethod);

    [CampaignProperty(Runs = 100)]
    public Property Any_bad_call_is_answered_and_changes_nothing() => Holds(GrpcCalls.Any);

    public void Dispose() => campaign.Dispose();
}
