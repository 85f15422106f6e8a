using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace SlmMesh.Store;

/// <summary>
/// Copies the WAL into the database file on its own thread and connection (PASSIVE checkpoints), so the
/// copy and its fsyncs do not run on the thread that writes. The writer reports the pages each commit
/// wrote (<see cref="OnCommit"/>) and wakes it every threshold's worth; it also runs on a timer, which
/// copies what a burst left while the writer is idle.
/// </summary>
/// <remarks>
/// A PASSIVE checkpoint never blocks the writer, but SQLite only starts the log over (keeping the file
/// small) when a write transaction begins with every frame already copied. A writer that begins its next
/// transaction the moment it commits never gives it that gap, so under a flood the WAL keeps growing until
/// the store's backstop (<see cref="MeshStoreOptions.WalHardLimitBytes"/>) checkpoints on the writer's
/// thread: by then this thread has copied nearly everything, so that one only copies the rest.
/// </remarks>
internal sealed partial class WalCheckpointer : IDisposable
{
    // Dispose waits this long for a checkpoint in progress (an fsync on a busy disk) before giving up on the thread.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly SqliteConnection _connection;
    private readonly Lock _gate;
    private readonly ILogger _logger;
    private readonly string _path;
    private readonly long _thresholdPages;
    private readonly TimeSpan _interval;
    private readonly AutoResetEvent _wake = new(initialState: false);
    private readonly Thread _thread;
    private long _pagesSinceNudge;
    private volatile bool _stopping;
    private int _disposed;
    private int _failures;
    private int _lastFailureCode;

    private WalCheckpointer(SqliteConnection connection, Lock gate, string path, long thresholdPages, TimeSpan interval, ILogger logger)
    {
        _connection = connection;
        _gate = gate;
        _path = path;
        _thresholdPages = Math.Max(1, thresholdPages);
        _interval = interval;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "SlmMesh WAL checkpointer" };
    }

    /// <summary>Raised on the checkpointer's thread after every checkpoint it attempts.</summary>
    internal event Action<WalCheckpointPass>? Passed;

    /// <summary>Whether the thread is still running (false once disposed).</summary>
    internal bool IsRunning => _thread.IsAlive;

    /// <summary>
    /// Opens the checkpointer's connection and starts its thread. <paramref name="gate"/> is held during
    /// every checkpoint it runs, so the owner can run its own (a TRUNCATE) without finding the WAL busy.
    /// Returns null, having logged why, when the connection cannot be opened: SQLite's backstop still bounds the WAL.
    /// </summary>
    public static WalCheckpointer? Start(string path, MeshStoreOptions options, int pageSize, Lock gate, ILogger logger)
    {
        SqliteConnection connection = options.OpenCheckpointerConnection(path);
        try
        {
            connection.Open();
            raw.sqlite3_busy_timeout(connection.Handle, 1000);

            // A connection opens the WAL on its first read; until then a checkpoint through it does nothing.
            using SqliteCommand read = connection.CreateCommand();
            read.CommandText = "SELECT count(*) FROM sqlite_schema";
            read.ExecuteScalar();
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            LogCouldNotStart(logger, ex, path);
            return null;
        }

        var checkpointer = new WalCheckpointer(connection, gate, path, options.CheckpointThresholdBytes / pageSize, options.CheckpointInterval, logger);
        checkpointer._thread.Start();
        return checkpointer;
    }

    /// <summary>Called by the writer (one thread) after each commit with the pages it wrote to the WAL; cheap.</summary>
    public void OnCommit(long pagesWritten)
    {
        _pagesSinceNudge += pagesWritten;
        if (_pagesSinceNudge >= _thresholdPages)
        {
            _pagesSinceNudge = 0;
            _wake.Set();
        }
    }

    /// <summary>Stops the thread (after the checkpoint in progress, if any) and closes the connection. Safe to repeat.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping = true;
        _wake.Set();
        if (_thread.IsAlive && !_thread.Join(StopTimeout))
        {
            // Closing the connection under a running checkpoint is unsafe: leave both to the process exit.
            LogStopTimedOut(_logger, _path, (long)StopTimeout.TotalSeconds);
            return;
        }

        _connection.Dispose();
        _wake.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _wake.WaitOne(_interval);
            if (_stopping)
            {
                return;
            }

            try
            {
                CheckpointOnce();
            }
            catch (Exception ex)
            {
                // Never let the thread die: the next nudge tries again.
                ReportFailure(ex, code: -1);
            }
        }
    }

    private void CheckpointOnce()
    {
        int rc;
        int logFrames;
        int copiedFrames;
        lock (_gate)
        {
            rc = raw.sqlite3_wal_checkpoint_v2(_connection.Handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out logFrames, out copiedFrames);
        }

        SqliteException? error = null;
        if (rc == raw.SQLITE_OK)
        {
            if (_failures > 0)
            {
                LogRecovered(_logger, _path, _failures);
                _failures = 0;
                _lastFailureCode = 0;
            }
        }
        else if (rc != raw.SQLITE_BUSY)
        {
            // BUSY is another checkpoint in progress (SQLite's backstop, or another process): not a failure.
            error = ToException(rc);
            ReportFailure(error, error.SqliteErrorCode);
        }

        Passed?.Invoke(new WalCheckpointPass(Environment.CurrentManagedThreadId, rc, logFrames, copiedFrames, error));
    }

    /// <summary>Logs the first failure of a streak, and a failure with a different code; counts the rest.</summary>
    private void ReportFailure(Exception exception, int code)
    {
        if (_failures++ == 0 || code != _lastFailureCode)
        {
            LogFailed(_logger, exception, _path, _failures);
        }

        _lastFailureCode = code;
    }

    private SqliteException ToException(int rc)
    {
        try
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            return new SqliteException($"SQLite Error {rc}.", rc);
        }
        catch (SqliteException ex)
        {
            return ex;
        }
    }
}
