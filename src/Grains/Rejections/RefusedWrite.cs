namespace Actors.Grains.Rejections;

/// <summary>
/// The API server's answer to a refused write, in the terms <see cref="Rejection.Classify(StepTarget, int, string?, string?, int)"/>
/// reads: the HTTP status, the Status reason (409 AlreadyExists is not a conflict) and the server's own
/// words. Plain data, so it can travel from a node grain to the cluster grain inside <see cref="StepFailedException"/>.
/// </summary>
[GenerateSerializer, Alias("actors.RefusedWrite")]
public sealed record RefusedWrite(int Code, string? StatusReason, string ServerMessage, bool IsConflict);
