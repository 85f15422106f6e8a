namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private SqliteStatement _pruneRead = null!;
    private SqliteStatement _pruneExpired = null!;
    private SqliteStatement _pruneEvents = null!;
    private SqliteStatement _checkpointPassive = null!;
    private SqliteStatement _checkpointTruncate = null!;
    private SqliteStatement _vacuum = null!;

    /// <summary>
    /// Deletes read copies read before <paramref name="readBefore"/>, copies expired before <paramref name="now"/>,
    /// and events created before <paramref name="eventsBefore"/>. Runs in its own transaction; returns counts.
    /// </summary>
    /// <remarks>"Expired" as <see cref="GetUnread"/> means it: <c>expiresAt &lt;= now</c>. Throws <see cref="InvalidOperationException"/> inside a batch.</remarks>
    public (long Messages, long Events) Prune(long now, long readBefore, long eventsBefore)
    {
        ThrowIfInBatch(nameof(Prune));
        _begin.Execute();
        try
        {
            _pruneRead.Bind(1, readBefore);
            long messages = _pruneRead.Execute();
            _pruneExpired.Bind(1, now);
            messages += _pruneExpired.Execute();
            _pruneEvents.Bind(1, eventsBefore);
            long events = _pruneEvents.Execute();
            Commit();
            return (messages, events);
        }
        catch
        {
            RollbackBatch();
            throw;
        }
    }

    /// <summary>Checkpoints the WAL; with <paramref name="truncate"/>, truncates it to zero bytes.</summary>
    /// <remarks>
    /// Throws <see cref="InvalidOperationException"/> inside a batch. A checkpoint that other readers hold back is not
    /// an error. Runs on the caller's thread, after the background checkpoint in progress, if any.
    /// </remarks>
    public void Checkpoint(bool truncate)
    {
        ThrowIfInBatch(nameof(Checkpoint));
        lock (_checkpointGate)
        {
            (truncate ? _checkpointTruncate : _checkpointPassive).Execute();
        }
    }

    /// <summary>Rebuilds the database file to reclaim free pages (VACUUM).</summary>
    /// <remarks>Then truncates the WAL, which the rebuild filled with a copy of the whole database. Throws <see cref="InvalidOperationException"/> inside a batch.</remarks>
    public void Compact()
    {
        ThrowIfInBatch(nameof(Compact));
        _vacuum.Execute();
        Checkpoint(truncate: true);
    }

    /// <summary>Sizes of the database file and its WAL, in bytes.</summary>
    public (long Database, long Wal) FileSizes() => (FileLength(_path), FileLength(_path + "-wal"));

    private void PrepareMaintenanceStatements()
    {
        _pruneRead = Prepare("DELETE FROM messages WHERE read_at < @before", "@before");
        _pruneExpired = Prepare("DELETE FROM messages WHERE expires_at <= @now", "@now");

        // Events are appended in time order, so the old ones are a prefix of the id order: delete the ids below the
        // first event to keep (a scan from the oldest that stops there), or all but the newest when none is kept.
        // No index on created_at: it would cost a page on every commit that emits an event.
        _pruneEvents = Prepare(
            "DELETE FROM events WHERE id < coalesce((SELECT id FROM events WHERE created_at >= @before ORDER BY id LIMIT 1), (SELECT max(id) FROM events))",
            "@before");
        _checkpointPassive = Prepare("PRAGMA wal_checkpoint(PASSIVE)");
        _checkpointTruncate = Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
        _vacuum = Prepare("VACUUM");
    }
}
