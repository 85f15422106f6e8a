using SlmMesh.Coordination;
using SlmMesh.Transport.Connections;

namespace SlmMesh.Broker;

/// <summary>One authenticated connection as the engine sees it. Touched only by the engine thread.</summary>
internal sealed class BrokerSession(long id, FrameConnection connection)
{
    public long Id { get; } = id;

    public FrameConnection Connection { get; } = connection;

    /// <summary>The peer this connection acts as, once registered or attached.</summary>
    public PeerState? Peer { get; set; }

    /// <summary>Whether the connection acts for a peer another connection owns (a hook of the same agent).</summary>
    public bool IsAttached { get; set; }

    /// <summary>The event types pushed to this connection; null when it has not subscribed.</summary>
    public EventTypeFilter? Subscription { get; set; }

    public bool IsClosed { get; set; }

    /// <summary>The connecting process as the kernel says, else as the hello says.</summary>
    public int ProcessId => Connection.RemoteCredentials?.ProcessId is > 0 and var pid ? pid : Connection.Hello?.ProcessId ?? 0;

    public override string ToString() => Peer is { } peer ? $"{Connection.Description} as {peer.Info.Name}" : Connection.Description;
}
