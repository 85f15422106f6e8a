namespace SlmMesh.Broker;

/// <summary>A peer known to the broker, connected or away. Touched only by the engine thread.</summary>
internal sealed class PeerState(PeerInfo info, bool ephemeral)
{
    public PeerInfo Info { get; set; } = info;

    /// <summary>A short-lived peer (the CLI): not listed, no join/leave events, its locks live until their TTL.</summary>
    public bool Ephemeral { get; } = ephemeral;

    /// <summary>The connection that registered it; null while it is away.</summary>
    public BrokerSession? Session { get; set; }

    /// <summary>When an away peer leaves for good unless it reconnects (epoch ms); 0 while connected.</summary>
    public long LeaveAt { get; set; }

    /// <summary>Why it will leave at <see cref="LeaveAt"/>.</summary>
    public string LeaveReason { get; set; } = string.Empty;

    public string Id => Info.Id;

    public bool IsConnected => Session is not null;
}
