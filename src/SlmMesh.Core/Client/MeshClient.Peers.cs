using SlmMesh.Transport.Messages;

namespace SlmMesh;

public sealed partial class MeshClient
{
    /// <summary>Lists the other peers (and this one if asked) in a scope.</summary>
    /// <param name="scope"><see cref="PeerScopes.Machine"/> (default), <see cref="PeerScopes.Directory"/> or <see cref="PeerScopes.Repo"/>.</param>
    /// <param name="includeSelf">Whether to include this peer.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The peers, oldest first.</returns>
    public async Task<IReadOnlyList<PeerInfo>> ListPeersAsync(string scope = PeerScopes.Machine, bool includeSelf = false, CancellationToken cancellationToken = default)
    {
        string cwd = _registration?.Cwd ?? Path.GetFullPath(_options.Cwd ?? Environment.CurrentDirectory);
        var request = new PeerListRequest
        {
            Scope = scope,
            IncludeSelf = includeSelf,
            Cwd = cwd,
            GitRoot = _registration?.GitRoot ?? Discovery.GitInfoReader.Read(cwd)?.Root,
        };
        PeerListResponse response = await RequestAsync<PeerListResponse>(MeshOperations.ListPeers, request, cancellationToken).ConfigureAwait(false);
        return response.Peers;
    }

    /// <summary>Announces what this agent is working on (at most 2500 characters); peers get a <c>peer_updated</c> event.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>This peer, updated.</returns>
    public async Task<PeerInfo> SetSummaryAsync(string summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        PeerInfo self = await RequestAsync<PeerInfo>(MeshOperations.SetSummary, new SummaryRequest { Summary = summary }, cancellationToken).ConfigureAwait(false);
        Self = self;
        return self;
    }
}
