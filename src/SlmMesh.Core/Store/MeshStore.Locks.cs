using Microsoft.Data.Sqlite;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private SqliteCommand _upsertLock = null!;
    private SqliteCommand _raiseFencing = null!;
    private SqliteCommand _deleteLock = null!;
    private SqliteCommand _loadLocks = null!;
    private SqliteCommand _nextFencingToken = null!;

    /// <summary>Inserts or replaces a lock (keyed by path).</summary>
    /// <remarks>Also records its fencing token as granted, so <see cref="NextFencingToken"/> never hands it out again.</remarks>
    public void UpsertLock(LockInfo lockInfo)
    {
        ArgumentNullException.ThrowIfNull(lockInfo);
        SqliteParameterCollection p = _upsertLock.Parameters;
        p["@path"].Value = lockInfo.Path;
        p["@glob"].Value = lockInfo.IsGlob;
        p["@holder_id"].Value = lockInfo.HolderId;
        p["@holder_name"].Value = lockInfo.HolderName;
        p["@reason"].Value = DbValue(lockInfo.Reason);
        p["@fencing_token"].Value = lockInfo.FencingToken;
        p["@acquired_at"].Value = lockInfo.AcquiredAt;
        p["@expires_at"].Value = lockInfo.ExpiresAt;
        _upsertLock.ExecuteNonQuery();
        _raiseFencing.Parameters["@path"].Value = lockInfo.Path;
        _raiseFencing.Parameters["@token"].Value = lockInfo.FencingToken;
        _raiseFencing.ExecuteNonQuery();
    }

    /// <summary>Deletes a lock; false when none was stored for the path.</summary>
    public bool DeleteLock(string path)
    {
        _deleteLock.Parameters["@path"].Value = path;
        return _deleteLock.ExecuteNonQuery() > 0;
    }

    /// <summary>All stored locks (expired ones included: the caller decides).</summary>
    public IReadOnlyList<LockInfo> LoadLocks()
    {
        var locks = new List<LockInfo>();
        using SqliteDataReader reader = _loadLocks.ExecuteReader();
        while (reader.Read())
        {
            locks.Add(new LockInfo
            {
                Path = reader.GetString(0),
                IsGlob = reader.GetBoolean(1),
                HolderId = reader.GetString(2),
                HolderName = reader.GetString(3),
                Reason = GetNullableString(reader, 4),
                FencingToken = reader.GetInt64(5),
                AcquiredAt = reader.GetInt64(6),
                ExpiresAt = reader.GetInt64(7),
            });
        }

        return locks;
    }

    /// <summary>The next fencing token for a path: one more than any token ever granted on it (1 for a new path).</summary>
    /// <remarks>The token is reserved (persisted) when returned: asking twice gives two different tokens.</remarks>
    public long NextFencingToken(string path)
    {
        _nextFencingToken.Parameters["@path"].Value = path;
        return (long)_nextFencingToken.ExecuteScalar()!;
    }

    private void PrepareLockStatements()
    {
        _upsertLock = Prepare(
            """
            INSERT INTO locks (path, glob, holder_id, holder_name, reason, fencing_token, acquired_at, expires_at)
            VALUES (@path, @glob, @holder_id, @holder_name, @reason, @fencing_token, @acquired_at, @expires_at)
            ON CONFLICT (path) DO UPDATE SET
                glob = excluded.glob, holder_id = excluded.holder_id, holder_name = excluded.holder_name,
                reason = excluded.reason, fencing_token = excluded.fencing_token,
                acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
            """,
            "@path", "@glob", "@holder_id", "@holder_name", "@reason", "@fencing_token", "@acquired_at", "@expires_at");
        _raiseFencing = Prepare(
            """
            INSERT INTO lock_fencing (path, last_token) VALUES (@path, @token)
            ON CONFLICT (path) DO UPDATE SET last_token = max(last_token, excluded.last_token)
            """,
            "@path", "@token");
        _deleteLock = Prepare("DELETE FROM locks WHERE path = @path", "@path");
        _loadLocks = Prepare(
            "SELECT path, glob, holder_id, holder_name, reason, fencing_token, acquired_at, expires_at FROM locks ORDER BY path");
        _nextFencingToken = Prepare(
            """
            INSERT INTO lock_fencing (path, last_token) VALUES (@path, 1)
            ON CONFLICT (path) DO UPDATE SET last_token = last_token + 1
            RETURNING last_token
            """,
            "@path");
    }
}
