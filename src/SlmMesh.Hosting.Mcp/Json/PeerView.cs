namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>A peer as tool results show it.</summary>
internal sealed record PeerView(
    string Id,
    string Name,
    string AgentType,
    string? Summary,
    string Cwd,
    string? GitRoot,
    string? GitBranch,
    int Pid,
    int AgentPid,
    bool Connected,
    string ConnectedAt,
    string LastSeen)
{
    public static PeerView Of(PeerInfo peer) => new(
        peer.Id,
        peer.Name,
        peer.AgentType,
        string.IsNullOrEmpty(peer.Summary) ? null : peer.Summary,
        peer.Cwd,
        peer.GitRoot,
        peer.GitBranch,
        peer.ProcessId,
        peer.AgentProcessId,
        peer.Connected,
        Iso.Format(peer.ConnectedAt),
        Iso.Format(peer.LastSeen));
}
