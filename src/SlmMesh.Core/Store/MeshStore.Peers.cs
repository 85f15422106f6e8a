namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    /// <summary>Inserts or replaces a peer.</summary>
    public void UpsertPeer(PeerInfo peer, bool ephemeral) => throw new NotImplementedException();

    /// <summary>Deletes a peer; false when it did not exist.</summary>
    public bool DeletePeer(string id) => throw new NotImplementedException();

    /// <summary>All stored peers with their ephemeral flag, ordered by connectedAt.</summary>
    public IReadOnlyList<(PeerInfo Peer, bool Ephemeral)> LoadPeers() => throw new NotImplementedException();
}
