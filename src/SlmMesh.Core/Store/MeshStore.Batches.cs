using SQLitePCL;

namespace SlmMesh.Store;

/// <summary>
/// Group commit, and deferred acknowledgements. A batch whose only writes are acknowledgements
/// (<see cref="MarkRead"/>) need not pay a commit of its own: losing one to a crash only means the message is
/// delivered again, which at-least-once delivery allows and the client drops by id. Such a batch leaves its
/// transaction open; the next batch continues it and the first one with a write that must be durable, or one
/// the caller forces (the broker's tick, every 250 ms by default), commits them together.
/// </summary>
internal sealed partial class MeshStore
{
    private int _batchStartChanges;
    private int _batchDeferrableChanges;
    private bool _deferring;
    private bool _deferredBefore;

    /// <summary>Whether a transaction holding only deferred acknowledgements is open between batches.</summary>
    internal bool HasDeferredChanges => _deferring && InTransaction;

    /// <summary>Starts a write transaction, or continues the one a batch of acknowledgements left open.</summary>
    public void BeginBatch()
    {
        if (_deferring && InTransaction)
        {
            _deferring = false;
        }
        else
        {
            _deferring = false;
            if (InTransaction)
            {
                throw new InvalidOperationException("A batch is already open.");
            }

            CheckpointIfDue();
            _begin.Execute();
        }

        _batchStartChanges = raw.sqlite3_total_changes(_connection.Handle!);
        _batchDeferrableChanges = 0;
    }

    /// <summary>
    /// Ends the batch started by <see cref="BeginBatch"/>: commits it when it wrote anything besides
    /// acknowledgements, when nothing waits, or when <paramref name="force"/> is set; otherwise keeps it open.
    /// </summary>
    /// <returns>Whether the batch was committed.</returns>
    public bool EndBatch(bool force)
    {
        if (!InTransaction)
        {
            throw new InvalidOperationException("No batch is open (or SQLite rolled it back after an error).");
        }

        int written = unchecked(raw.sqlite3_total_changes(_connection.Handle!) - _batchStartChanges); // wraps like the counter
        bool onlyAcknowledgements = _batchDeferrableChanges > 0 && written == _batchDeferrableChanges;
        bool waiting = onlyAcknowledgements || (written == 0 && _deferredBefore);
        if (force || !waiting)
        {
            Commit();
            _deferredBefore = false;
            return true;
        }

        _deferring = true;
        _deferredBefore = true;
        return false;
    }

    /// <summary>Commits the batch started by <see cref="BeginBatch"/>, acknowledgements and all.</summary>
    public void CommitBatch() => EndBatch(force: true);

    /// <summary>Commits acknowledgements an earlier batch left waiting, if any.</summary>
    public void CommitDeferred()
    {
        if (_deferring && InTransaction)
        {
            Commit();
        }

        _deferring = false;
        _deferredBefore = false;
    }

    /// <summary>Rolls back the open transaction, if any, deferred acknowledgements included (they are delivered again).</summary>
    public void RollbackBatch()
    {
        _deferring = false;
        _deferredBefore = false;
        if (InTransaction)
        {
            _rollback.Execute();
        }
    }
}
