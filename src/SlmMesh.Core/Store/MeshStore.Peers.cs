using Microsoft.Data.Sqlite;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private const string PeerColumns =
        "id, name, agent_type, pid, agent_pid, cwd, git_root, git_branch, summary, connected_at, last_seen, ephemeral";

    private SqliteCommand _upsertPeer = null!;
    private SqliteCommand _deletePeer = null!;
    private SqliteCommand _loadPeers = null!;

    /// <summary>Inserts or replaces a peer.</summary>
    public void UpsertPeer(PeerInfo peer, bool ephemeral)
    {
        ArgumentNullException.ThrowIfNull(peer);
        SqliteParameterCollection p = _upsertPeer.Parameters;
        p["@id"].Value = peer.Id;
        p["@name"].Value = peer.Name;
        p["@agent_type"].Value = peer.AgentType;
        p["@pid"].Value = peer.ProcessId;
        p["@agent_pid"].Value = peer.AgentProcessId;
        p["@cwd"].Value = peer.Cwd;
        p["@git_root"].Value = DbValue(peer.GitRoot);
        p["@git_branch"].Value = DbValue(peer.GitBranch);
        p["@summary"].Value = DbValue(peer.Summary);
        p["@connected_at"].Value = peer.ConnectedAt;
        p["@last_seen"].Value = peer.LastSeen;
        p["@ephemeral"].Value = ephemeral;
        _upsertPeer.ExecuteNonQuery();
    }

    /// <summary>Deletes a peer; false when it did not exist.</summary>
    public bool DeletePeer(string id)
    {
        _deletePeer.Parameters["@id"].Value = id;
        return _deletePeer.ExecuteNonQuery() > 0;
    }

    /// <summary>All stored peers with their ephemeral flag, ordered by connectedAt.</summary>
    public IReadOnlyList<(PeerInfo Peer, bool Ephemeral)> LoadPeers()
    {
        var peers = new List<(PeerInfo, bool)>();
        using SqliteDataReader reader = _loadPeers.ExecuteReader();
        while (reader.Read())
        {
            var peer = new PeerInfo
            {
                Id = reader.GetString(0),
                Name = reader.GetString(1),
                AgentType = reader.GetString(2),
                ProcessId = reader.GetInt32(3),
                AgentProcessId = reader.GetInt32(4),
                Cwd = reader.GetString(5),
                GitRoot = GetNullableString(reader, 6),
                GitBranch = GetNullableString(reader, 7),
                Summary = GetNullableString(reader, 8),
                ConnectedAt = reader.GetInt64(9),
                LastSeen = reader.GetInt64(10),
            };
            peers.Add((peer, reader.GetBoolean(11)));
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
