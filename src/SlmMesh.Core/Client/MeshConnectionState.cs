namespace SlmMesh;

/// <summary>The state of a <see cref="MeshClient"/>'s connection.</summary>
public enum MeshConnectionState
{
    /// <summary>Connected and registered.</summary>
    Connected,

    /// <summary>The connection dropped; finding or starting a broker and re-registering.</summary>
    Reconnecting,

    /// <summary>Disposed, or disconnected with reconnection off.</summary>
    Closed,
}
