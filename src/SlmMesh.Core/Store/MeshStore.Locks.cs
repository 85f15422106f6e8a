namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private SqliteStatement _upsertLock = null!;
    private SqliteStatement _raiseFencing = null!;
    private SqliteStatement _deleteLock = null!;
    private SqliteStatement _loadLocks = null!;
    private SqliteStatement _nextFencingToken = null!;

    /// <summary>Inserts or replaces a lock (keyed by path).</summary>
    /// <remarks>Also records its fencing token as granted, so <see cref="NextFencingToken"/> never hands it out again.</remarks>
    public void UpsertLock(LockInfo lockInfo)
    {
        ArgumentNullException.ThrowIfNull(lockInfo);
        SqliteStatement s = _upsertLock;
        s.Bind(1, lockInfo.Path);
        s.Bind(2, lockInfo.IsGlob);
        s.Bind(3, lockInfo.HolderId);
        s.Bind(4, lockInfo.HolderName);
        s.Bind(5, lockInfo.Reason);
        s.Bind(6, lockInfo.FencingToken);
        s.Bind(7, lockInfo.AcquiredAt);
        s.Bind(8, lockInfo.ExpiresAt);
        s.Execute();
        _raiseFencing.Bind(1, lockInfo.Path);
        _raiseFencing.Bind(2, lockInfo.FencingToken);
        _raiseFencing.Execute();
    }

    /// <summary>Deletes a lock; false when none was stored for the path.</summary>
    public bool DeleteLock(string path)
    {
        _deleteLock.Bind(1, path);
        return _deleteLock.Execute() > 0;
    }

    /// <summary>All stored locks (expired ones included: the caller decides).</summary>
    public IReadOnlyList<LockInfo> LoadLocks()
    {
        var locks = new List<LockInfo>();
        SqliteStatement s = _loadLocks;
        while (s.Step())
        {
            locks.Add(new LockInfo
            {
                Path = s.GetString(0),
                IsGlob = s.GetBoolean(1),
                HolderId = s.GetString(2),
                HolderName = s.GetString(3),
                Reason = s.GetNullableString(4),
                FencingToken = s.GetInt64(5),
                AcquiredAt = s.GetInt64(6),
                ExpiresAt = s.GetInt64(7),
            });
        }

        return locks;
    }

    /// <summary>The next fencing token for a path: one more than any token ever granted on it (1 for a new path).</summary>
    /// <remarks>The token is reserved (persisted) when returned: asking twice gives two different tokens.</remarks>
    public long NextFencingToken(string path)
    {
        _nextFencingToken.Bind(1, path);
        return _nextFencingToken.ExecuteInt64();
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
