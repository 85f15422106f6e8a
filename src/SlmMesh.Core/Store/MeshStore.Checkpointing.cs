using SQLitePCL;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    // Held by whoever checkpoints (the background thread or this store), so neither finds the other's checkpoint in the way.
    private readonly Lock _checkpointGate = new();
    private WalCheckpointer? _checkpointer;
    private long _walCheckPages = long.MaxValue;
    private long _pagesSinceWalCheck;
    private long _backstopCheckpoints;

    /// <summary>The background checkpointer (null when disabled or when it could not start), for tests.</summary>
    internal WalCheckpointer? CheckpointerForTesting => _checkpointer;

    /// <summary>Checkpoints the backstop ran on the writer's thread, for tests.</summary>
    internal long BackstopCheckpoints => _backstopCheckpoints;

    private void StartCheckpointer()
    {
        int pageSize = (int)(long)ExecuteScalar("PRAGMA page_size")!;
        _walCheckPages = Math.Max(1, _options.CheckpointThresholdBytes / pageSize);
        TakePagesWritten();
        if (_options.BackgroundCheckpoints)
        {
            _checkpointer = WalCheckpointer.Start(_path, _options, pageSize, _checkpointGate, _logger);
        }
    }

    /// <summary>
    /// After every commit: nudges the checkpointer, and every threshold's worth of pages checks the WAL file.
    /// Past <see cref="MeshStoreOptions.WalHardLimitBytes"/> the log was not started over (a writer that never
    /// pauses gives the checkpointer no gap, or the checkpointer is not running), so this thread copies the
    /// rest itself, after the background checkpoint in progress: the next transaction then starts the log over.
    /// </summary>
    private void AfterCommit()
    {
        int pages = TakePagesWritten();
        _checkpointer?.OnCommit(pages);
        _pagesSinceWalCheck += pages;
        if (_pagesSinceWalCheck < _walCheckPages)
        {
            return;
        }

        _pagesSinceWalCheck = 0;
        long wal = FileLength(_path + "-wal");
        if (wal >= _options.WalHardLimitBytes)
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            lock (_checkpointGate)
            {
                _checkpointPassive.Execute();
            }

            _backstopCheckpoints++;
            double milliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogBackstopCheckpoint(_logger, _path, wal, milliseconds);
        }
    }

    /// <summary>Pages this connection wrote to the WAL since the last call: one native call, no I/O.</summary>
    private int TakePagesWritten()
    {
        raw.sqlite3_db_status(_connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out int pages, out _, 1);
        return pages;
    }
}
