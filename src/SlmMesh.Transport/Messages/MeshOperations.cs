namespace SlmMesh.Transport.Messages;

/// <summary>
/// The operation names a request frame carries, with the body types they take and return. An operation
/// the broker does not know is answered with <c>unknown_operation</c>; the connection stays open.
/// </summary>
public static class MeshOperations
{
    /// <summary><see cref="RegisterRequest"/> → <see cref="RegisterResponse"/>.</summary>
    public const string Register = "peer.register";

    /// <summary><see cref="AttachRequest"/> → <see cref="RegisterResponse"/>.</summary>
    public const string Attach = "peer.attach";

    /// <summary><see cref="EmptyBody"/> → <see cref="EmptyBody"/>: the peer leaves the mesh now (instead of after the away grace).</summary>
    public const string Leave = "peer.leave";

    /// <summary><see cref="PeerListRequest"/> → <see cref="PeerListResponse"/>.</summary>
    public const string ListPeers = "peer.list";

    /// <summary><see cref="SummaryRequest"/> → <see cref="PeerInfo"/>.</summary>
    public const string SetSummary = "peer.summary";

    /// <summary><see cref="SendRequest"/> → <see cref="SendResponse"/>.</summary>
    public const string Send = "msg.send";

    /// <summary><see cref="InboxRequest"/> → <see cref="MessageListResponse"/>.</summary>
    public const string Inbox = "msg.inbox";

    /// <summary><see cref="AckRequest"/> → <see cref="AckResponse"/>.</summary>
    public const string Acknowledge = "msg.ack";

    /// <summary><see cref="StateGetRequest"/> → <see cref="StateEntry"/>, or <c>not_found</c>.</summary>
    public const string GetState = "state.get";

    /// <summary><see cref="StateSetRequest"/> → <see cref="StateEntry"/>, or <c>conflict</c>.</summary>
    public const string SetState = "state.set";

    /// <summary><see cref="StateListRequest"/> → <see cref="StateListResponse"/>.</summary>
    public const string ListState = "state.list";

    /// <summary><see cref="StateDeleteRequest"/> → <see cref="StateDeleteResponse"/>, or <c>conflict</c>.</summary>
    public const string DeleteState = "state.delete";

    /// <summary><see cref="LockAcquireRequest"/> → <see cref="LockInfo"/>, or <c>locked</c>.</summary>
    public const string AcquireLock = "lock.acquire";

    /// <summary><see cref="LockReleaseRequest"/> → <see cref="LockReleaseResponse"/>.</summary>
    public const string ReleaseLock = "lock.release";

    /// <summary><see cref="LockQueryRequest"/> → <see cref="LockListResponse"/>.</summary>
    public const string QueryLocks = "lock.query";

    /// <summary><see cref="EventReadRequest"/> → <see cref="EventListResponse"/>.</summary>
    public const string ReadEvents = "event.read";

    /// <summary><see cref="EventSubscribeRequest"/> → <see cref="EmptyBody"/>; matching events are then pushed.</summary>
    public const string Subscribe = "event.subscribe";

    /// <summary><see cref="EventUnsubscribeRequest"/> → <see cref="EmptyBody"/>.</summary>
    public const string Unsubscribe = "event.unsubscribe";

    /// <summary><see cref="EventEmitRequest"/> → <see cref="MeshEvent"/>.</summary>
    public const string Emit = "event.emit";

    /// <summary><see cref="EmptyBody"/> → <see cref="BrokerStatus"/>.</summary>
    public const string Status = "broker.status";

    /// <summary><see cref="EmptyBody"/> → <see cref="CleanResponse"/>.</summary>
    public const string Clean = "broker.clean";

    /// <summary><see cref="EmptyBody"/> → <see cref="EmptyBody"/>; the broker then stops.</summary>
    public const string Shutdown = "broker.shutdown";

    /// <summary><see cref="EmptyBody"/> → <see cref="EmptyBody"/>: a liveness check.</summary>
    public const string Ping = "ping";
}
