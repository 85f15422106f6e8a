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

    /// <summary>Whether unread messages stored before are still being redelivered, a window at a time.</summary>
    public bool BacklogPending { get; set; }

    /// <summary>The store position up to which unread messages have been redelivered.</summary>
    public long BacklogCursor { get; set; }

    /// <summary>Redelivered messages not yet acknowledged: at most a window of them is in flight.</summary>
    public HashSet<string> BacklogOutstanding { get; } = new(StringComparer.Ordinal);

    /// <summary>The connecting process as the kernel says, else as the hello says.</summary>
    public int ProcessId => Connection.RemoteCredentials?.ProcessId is > 0 and var pid ? pid : Connection.Hello?.ProcessId ?? 0;

    public override string ToString() => Peer is { } peer ? $"{Connection.Description} as {peer.Info.Name}" : Connection.Description;
}
