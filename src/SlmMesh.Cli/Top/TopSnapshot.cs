using SlmMesh.Cli.Mesh;

namespace SlmMesh.Cli.Top;

/// <summary>What <c>top</c> shows at one moment: broker status, peers, locks and the latest messages sent.</summary>
internal sealed record TopSnapshot(BrokerStatus Status, IReadOnlyList<PeerInfo> Peers, IReadOnlyList<LockInfo> Locks, IReadOnlyList<MeshEvent> Traffic)
{
    public const int TrafficRows = 10;

    public static async Task<TopSnapshot> LoadAsync(MeshClient client, CancellationToken cancellationToken)
    {
        Task<BrokerStatus> status = client.GetStatusAsync(cancellationToken);
        Task<IReadOnlyList<PeerInfo>> peers = client.ListPeersAsync(cancellationToken: cancellationToken);
        Task<IReadOnlyList<LockInfo>> locks = client.QueryLocksAsync(null, cancellationToken);
        Task<(IReadOnlyList<MeshEvent> Events, long LastId)> traffic = RecentEvents.ReadAsync(client, [EventTypes.MessageSent], TrafficRows, cancellationToken);
        return new TopSnapshot(await status, await peers, await locks, (await traffic).Events);
    }

    /// <summary>Peer ids to names, for message senders and recipients.</summary>
    public IReadOnlyDictionary<string, string> Names => Peers.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
}
