using SlmMesh.Transport.Framing;

namespace SlmMesh.Transport.Connections;

/// <summary>Limits of one connection. The defaults suit the mesh; tests shrink them to provoke edge cases.</summary>
public sealed record FrameConnectionOptions
{
    /// <summary>The largest frame body accepted or sent, in bytes (default 1 MiB).</summary>
    public int MaxFrameSize { get; init; } = FrameCodec.DefaultMaxFrameSize;

    /// <summary>
    /// How many frames may wait to be written. When the peer stops reading and the queue is full,
    /// <see cref="FrameConnection.TrySend"/> fails and the sender decides (the broker disconnects it).
    /// </summary>
    public int OutgoingQueueCapacity { get; init; } = 4096;

    /// <summary>
    /// How many bytes of frames may wait to be written (default 16 MiB). <see cref="FrameConnection.TrySend"/>
    /// fails beyond it as beyond <see cref="OutgoingQueueCapacity"/>: a peer that stops reading holds at most
    /// this much memory, however large its frames.
    /// </summary>
    public long MaxOutgoingBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>How many received frames may wait to be processed before reading from the socket pauses.</summary>
    public int IncomingQueueCapacity { get; init; } = 256;

    /// <summary>How long a partly received frame may wait for its remaining bytes before the connection is closed.</summary>
    public TimeSpan PartialFrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a closing connection may spend writing its last frames (such as an error) before it is cut.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The defaults.</summary>
    public static FrameConnectionOptions Default { get; } = new();
}
