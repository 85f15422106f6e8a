namespace SlmMesh.Transport.Connections;

/// <summary>How a <see cref="FrameListener"/> binds and whom it lets in.</summary>
public sealed record FrameListenerOptions
{
    /// <summary>The Unix socket path to bind. An existing file there is replaced: hold the election lock first.</summary>
    public required string SocketPath { get; init; }

    /// <summary>The token every hello must carry.</summary>
    public required string Token { get; init; }

    /// <summary>The broker program and version sent in the welcome.</summary>
    public string BrokerName { get; init; } = "slm-mesh-broker";

    /// <summary>How long a new connection has to send a valid hello (default 5 s).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether connections from processes of another user are refused (where the platform tells).</summary>
    public bool RequireSameUser { get; init; } = true;

    /// <summary>The user id let in when <see cref="RequireSameUser"/> is set; null means this process's effective user.</summary>
    public uint? AllowedUserId { get; init; }

    /// <summary>Limits applied to every accepted connection.</summary>
    public FrameConnectionOptions Connection { get; init; } = FrameConnectionOptions.Default;

    /// <summary>The pending-connection backlog of the socket.</summary>
    public int Backlog { get; init; } = 512;
}
