namespace SlmMesh;

/// <summary>The new state of a client's connection.</summary>
/// <param name="state">The state.</param>
public sealed class MeshConnectionStateChangedEventArgs(MeshConnectionState state) : EventArgs
{
    /// <summary>The state the connection is in now.</summary>
    public MeshConnectionState State { get; } = state;
}
