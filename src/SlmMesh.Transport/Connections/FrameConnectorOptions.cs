namespace SlmMesh.Transport.Connections;

/// <summary>Where and how a client connects.</summary>
public sealed record FrameConnectorOptions
{
    /// <summary>The broker's Unix socket path.</summary>
    public required string SocketPath { get; init; }

    /// <summary>The broker token (the content of <c>broker.token</c>).</summary>
    public required string Token { get; init; }

    /// <summary>The client program and version, for the broker's logs.</summary>
    public string ClientName { get; init; } = "slm-mesh-client";

    /// <summary>The protocol version to announce; tests change it to provoke a mismatch.</summary>
    public int ProtocolVersion { get; init; } = Messages.ProtocolVersion.Current;

    /// <summary>How long the socket connect may take (default 2 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the broker may take to answer the hello (default 5 s).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Limits of the connection.</summary>
    public FrameConnectionOptions Connection { get; init; } = FrameConnectionOptions.Default;
}
