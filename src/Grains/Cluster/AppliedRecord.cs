using Actors.Contracts.Kafka;

namespace Actors.Grains.Cluster;

/// <summary>
/// Whether <c>status.applied</c> is the operator's own record of the running cluster. Only that
/// record may refuse a spec (quorum size, shrinking volumes, metadata downgrades), so a status the
/// operator did not write must not pass for it — e.g. one sent with the create, which an emulator
/// or an old API server keeps, or one a backup tool restores onto a new object.
///
/// The marker is the object's <c>metadata.uid</c>, written into the record with every status
/// write: the API server assigns it at creation, so nothing sent with the create can carry it, and
/// a recreated object has a new one. Anyone able to write the status subresource afterwards is as
/// trusted as the operator itself. An unmarked record (also one written before the marker
/// existed) is ignored and rewritten from the accepted spec on the next pass. Pure.
/// </summary>
public static class AppliedRecord
{
    /// <summary>The record when the operator wrote it for this very object; null otherwise.</summary>
    public static AppliedSpec? Of(KafkaCluster resource) =>
        resource.Status?.Applied is { Uid: { Length: > 0 } uid } applied && uid == resource.Metadata.Uid ? applied : null;

    /// <summary>The record as written: marked with the uid of the object it describes.</summary>
    public static AppliedSpec Stamp(AppliedSpec applied, KafkaCluster resource) => applied with { Uid = resource.Metadata.Uid };
}
