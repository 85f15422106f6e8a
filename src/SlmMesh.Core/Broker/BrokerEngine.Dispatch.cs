using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Broker;

internal sealed partial class BrokerEngine
{
    /// <summary>Runs one request. Returns the response body, or null when the handler answers later itself.</summary>
    private IWireWritable? Dispatch(BrokerSession session, in InboundFrame frame) => frame.Name switch
    {
        MeshOperations.Register => Register(session, frame.ReadBody<RegisterRequest>()),
        MeshOperations.Attach => Attach(session, frame.ReadBody<AttachRequest>()),
        MeshOperations.Leave => LeaveNow(session),
        MeshOperations.ListPeers => ListPeers(session, frame.ReadBody<PeerListRequest>()),
        MeshOperations.SetSummary => SetSummary(session, frame.ReadBody<SummaryRequest>()),
        MeshOperations.Send => Send(session, frame.ReadBody<SendRequest>()),
        MeshOperations.Inbox => Inbox(session, frame.ReadBody<InboxRequest>()),
        MeshOperations.Acknowledge => Acknowledge(session, frame.ReadBody<AckRequest>()),
        MeshOperations.GetState => GetState(frame.ReadBody<StateGetRequest>()),
        MeshOperations.SetState => SetState(session, frame.ReadBody<StateSetRequest>()),
        MeshOperations.ListState => ListState(frame.ReadBody<StateListRequest>()),
        MeshOperations.DeleteState => DeleteState(session, frame.ReadBody<StateDeleteRequest>()),
        MeshOperations.AcquireLock => AcquireLock(session, frame.ReadBody<LockAcquireRequest>()),
        MeshOperations.ReleaseLock => ReleaseLock(session, frame.ReadBody<LockReleaseRequest>()),
        MeshOperations.QueryLocks => QueryLocks(session, frame.ReadBody<LockQueryRequest>()),
        MeshOperations.ReadEvents => ReadEvents(frame.ReadBody<EventReadRequest>()),
        MeshOperations.Subscribe => Subscribe(session, frame.ReadBody<EventSubscribeRequest>()),
        MeshOperations.Unsubscribe => Unsubscribe(session, frame.ReadBody<EventUnsubscribeRequest>()),
        MeshOperations.Emit => EmitCustom(session, frame.ReadBody<EventEmitRequest>()),
        MeshOperations.Status => Status(),
        MeshOperations.Clean => Clean(),
        MeshOperations.Shutdown => Shutdown(session),
        MeshOperations.Ping => EmptyBody.Instance,
        _ => throw new MeshException(MeshErrorCode.UnknownOperation, $"Unknown operation '{frame.Name}': this broker speaks protocol {ProtocolVersion.Current}."),
    };

    private static PeerState RequirePeer(BrokerSession session) =>
        session.Peer ?? throw new MeshException(MeshErrorCode.NotRegistered, "This connection has no peer: register (peer.register) first.");

    private static MeshException Invalid(string message) => new(MeshErrorCode.InvalidArgument, message);
}
