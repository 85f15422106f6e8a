namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private const string PeerColumns =
        "id, name, agent_type, pid, agent_pid, cwd, git_root, git_branch, summary, connected_at, last_seen, ephemeral";

    private SqliteStatement _upsertPeer = null!;
    private SqliteStatement _deletePeer = null!;
    private SqliteStatement _loadPeers = null!;

    /// <summary>Inserts or replaces a peer.</summary>
    public void UpsertPeer(PeerInfo peer, bool ephemeral)
    {
        ArgumentNullException.ThrowIfNull(peer);
        SqliteStatement s = _upsertPeer;
        s.Bind(1, peer.Id);
        s.Bind(2, peer.Name);
        s.Bind(3, peer.AgentType);
        s.Bind(4, peer.ProcessId);
        s.Bind(5, peer.AgentProcessId);
        s.Bind(6, peer.Cwd);
        s.Bind(7, peer.GitRoot);
        s.Bind(8, peer.GitBranch);
        s.Bind(9, peer.Summary);
        s.Bind(10, peer.ConnectedAt);
        s.Bind(11, peer.LastSeen);
        s.Bind(12, ephemeral);
        s.Execute();
    }

    /// <summary>Deletes a peer; false when it did not exist.</summary>
    public bool DeletePeer(string id)
    {
        _deletePeer.Bind(1, id);
        return _deletePeer.Execute() > 0;
    }

    /// <summary>All stored peers with their ephemeral flag, ordered by connectedAt.</summary>
    public IReadOnlyList<(PeerInfo Peer, bool Ephemeral)> LoadPeers()
    {
        var peers = new List<(PeerInfo, bool)>();
        SqliteStatement s = _loadPeers;
        while (s.Step())
        {
            var peer = new PeerInfo
            {
                Id = s.GetString(0),
                Name = s.GetString(1),
                AgentType = s.GetString(2),
                ProcessId = s.GetInt32(3),
                AgentProcessId = s.GetInt32(4),
                Cwd = s.GetString(5),
                GitRoot = s.GetNullableString(6),
                GitBranch = s.GetNullableString(7),
                Summary = s.GetNullableString(8),
                ConnectedAt = s.GetInt64(9),
                LastSeen = s.GetInt64(10),
            };
            peers.Add((peer, s.GetBoolean(11)));
        }

        return peers;
    }

    private void PreparePeerStatements()
    {
        _upsertPeer = Prepare(
            $"""
            INSERT INTO peers ({PeerColumns})
            VALUES (@id, @name, @agent_type, @pid, @agent_pid, @cwd, @git_root, @git_branch, @summary, @connected_at, @last_seen, @ephemeral)
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, agent_type = excluded.agent_type, pid = excluded.pid, agent_pid = excluded.agent_pid,
                cwd = excluded.cwd, git_root = excluded.git_root, git_branch = excluded.git_branch, summary = excluded.summary,
                connected_at = excluded.connected_at, last_seen = excluded.last_seen, ephemeral = excluded.ephemeral
            """,
            "@id", "@name", "@agent_type", "@pid", "@agent_pid", "@cwd", "@git_root", "@git_branch", "@summary",
            "@connected_at", "@last_seen", "@ephemeral");
        _deletePeer = Prepare("DELETE FROM peers WHERE id = @id", "@id");
        _loadPeers = Prepare($"SELECT {PeerColumns} FROM peers ORDER BY connected_at, id");
    }
}
