namespace SlmMesh.Core.Tests.Store;

public sealed class MeshStorePeerTests : StoreTestBase
{
    [Fact]
    public void Peers_round_trip_with_their_ephemeral_flag_ordered_by_connection_time()
    {
        PeerInfo late = Peer("b", connectedAt: 2_000);
        PeerInfo early = Peer("a", connectedAt: 1_000) with { GitRoot = null, GitBranch = null, Summary = null };
        Store.UpsertPeer(late, ephemeral: true);
        Store.UpsertPeer(early, ephemeral: false);

        IReadOnlyList<(PeerInfo Peer, bool Ephemeral)> peers = Store.LoadPeers();

        Assert.Equal([(early, false), (late, true)], peers);
    }

    [Fact]
    public void Upsert_replaces_a_peer_and_connected_is_never_stored()
    {
        Store.UpsertPeer(Peer("a", 1_000) with { Connected = true }, ephemeral: false);
        PeerInfo updated = Peer("a", 1_000) with { Summary = "new summary", LastSeen = 9_000, Name = "renamed" };
        Store.UpsertPeer(updated with { Connected = true }, ephemeral: true);

        (PeerInfo peer, bool ephemeral) = Assert.Single(Store.LoadPeers());

        Assert.Equal(updated, peer);
        Assert.False(peer.Connected);
        Assert.True(ephemeral);
    }

    [Fact]
    public void DeletePeer_reports_whether_the_peer_existed()
    {
        Store.UpsertPeer(Peer("a", 1_000), ephemeral: false);

        Assert.True(Store.DeletePeer("a"));
        Assert.False(Store.DeletePeer("a"));
        Assert.Empty(Store.LoadPeers());
    }
}
