namespace SlmMesh.Broker;

/// <summary>A lock request waiting for a conflicting lock to end (first come, first served).</summary>
internal sealed record LockWaiter(BrokerSession Session, uint RequestId, PeerState Peer, string Path, string? Reason, long TtlMs, long Deadline);
