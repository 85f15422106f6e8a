using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    // Held by whoever checkpoints (the background thread or this store), so neither finds the other's checkpoint in the way.
    private readonly Lock _checkpointGate = new();
    private WalCheckpointer? _checkpointer;
    private long _frameBytes;
    private long _walCheckPages = long.MaxValue;
    private long _pagesSinceWalCheck;
    private long _pagesSinceLogStart;
    private long _walGeneration = -1;
    private long _backstopCheckpoints;
    private bool _backstopDue;

    /// <summary>The background checkpointer (null when disabled or when it could not start), for tests.</summary>
    internal WalCheckpointer? CheckpointerForTesting => _checkpointer;

    /// <summary>Checkpoints the backstop ran on the writer's thread, for tests.</summary>
    internal long BackstopCheckpoints => _backstopCheckpoints;

    private void StartCheckpointer()
    {
        int pageSize = (int)(long)ExecuteScalar("PRAGMA page_size")!;
        _frameBytes = pageSize + 24;
        _walCheckPages = Math.Max(1, _options.CheckpointThresholdBytes / pageSize);
        TakePagesWritten();
        if (_options.BackgroundCheckpoints)
        {
            _checkpointer = WalCheckpointer.Start(_path, _options, pageSize, _checkpointGate, _logger);
        }
    }

    /// <summary>
    /// After every commit: tells the checkpointer how much the WAL grew, and every threshold's worth of pages
    /// reads the WAL header to learn whether SQLite started the log over meanwhile. A log grown past
    /// <see cref="MeshStoreOptions.WalHardLimitBytes"/> without starting over (commits closer together than a
    /// checkpoint takes leave the checkpointer no gap to finish in, or no checkpointer runs) is checkpointed on
    /// the writer's thread before its next batch (<see cref="CheckpointIfDue"/>).
    /// </summary>
    private void AfterCommit()
    {
        int pages = TakePagesWritten();
        _checkpointer?.OnCommit(pages);
        _pagesSinceLogStart += pages;
        _pagesSinceWalCheck += pages;
        if (_pagesSinceWalCheck < _walCheckPages)
        {
            return;
        }

        // This connection is the only writer, so the frames in the log are at most the pages it wrote since the log
        // started over; when it did so since the last check, at most those written since that check.
        long generation = WalHeader.ReadGeneration(_path + "-wal");
        if (generation != _walGeneration)
        {
            _walGeneration = generation;
            _pagesSinceLogStart = _pagesSinceWalCheck;
        }

        _pagesSinceWalCheck = 0;
        _backstopDue = _pagesSinceLogStart * _frameBytes >= _options.WalHardLimitBytes;
    }

    /// <summary>
    /// Before a batch, not after the commit that found it due: the caller answers that commit's requests first.
    /// Waits for the background checkpoint in progress, then copies the rest; the batch about to begin then
    /// starts the log over.
    /// </summary>
    private void CheckpointIfDue()
    {
        if (!_backstopDue)
        {
            return;
        }

        _backstopDue = false;
        long walBytes = _pagesSinceLogStart * _frameBytes;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            lock (_checkpointGate)
            {
                _checkpointPassive.Execute();
            }
        }
        catch (SqliteException ex)
        {
            // No reason to refuse the batch: the log grows on, and the next check tries again.
            LogBackstopFailed(_logger, ex, _path);
            return;
        }

        _backstopCheckpoints++;
        double milliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogBackstopCheckpoint(_logger, _path, walBytes, milliseconds);
    }

    /// <summary>Pages this connection wrote to the WAL since the last call: one native call, no I/O.</summary>
    private int TakePagesWritten()
    {
        raw.sqlite3_db_status(_connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out int pages, out _, 1);
        return pages;
    }
}
