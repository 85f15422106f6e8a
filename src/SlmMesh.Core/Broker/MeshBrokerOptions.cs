namespace SlmMesh;

/// <summary>Settings of a <see cref="MeshBroker"/>. The defaults are the contract's defaults.</summary>
public sealed record MeshBrokerOptions
{
    /// <summary>The mesh home; null resolves <c>$SLM_MESH_HOME</c>, else <c>~/.slm-mesh</c>.</summary>
    public string? Home { get; set; }

    /// <summary>How long the broker waits after the last connection closes before it exits (default 60 s). <see cref="Timeout.InfiniteTimeSpan"/> never exits.</summary>
    public TimeSpan IdleShutdown { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a peer whose connection closed (its process still alive) stays listed, waiting for it to reconnect (default 3 s).</summary>
    public TimeSpan AwayGrace { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>After a broker start, how long the peers of the previous broker have to re-register before they leave (default 10 s).</summary>
    public TimeSpan RestartGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an unread message is kept for a peer that is away (default 24 h).</summary>
    public TimeSpan MessageTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a read message is kept (default 24 h).</summary>
    public TimeSpan ReadMessageRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long events are kept (default 48 h).</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The largest message payload, in UTF-8 bytes (default 64 KiB).</summary>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>The largest state value, in UTF-8 bytes (default 64 KiB).</summary>
    public int MaxStateValueBytes { get; set; } = 64 * 1024;

    /// <summary>The longest summary, in characters (default 2500).</summary>
    public int MaxSummaryLength { get; set; } = 2500;

    /// <summary>The largest frame accepted, in bytes (default 1 MiB).</summary>
    public int MaxFrameSize { get; set; } = Transport.Framing.FrameCodec.DefaultMaxFrameSize;

    /// <summary>How often the broker checks expiries, away peers and idleness (default 250 ms).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often retention pruning and a WAL checkpoint run (default 5 min).</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock; tests pass a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>How many queued frames a slow peer may have before it is disconnected (default 4096).</summary>
    public int OutgoingQueueCapacity { get; set; } = 4096;

    /// <summary>How long a new connection has to say hello (default 5 s).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
