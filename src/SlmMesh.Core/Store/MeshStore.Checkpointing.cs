using SQLitePCL;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    // Held by whoever checkpoints (the background thread or this store), so neither finds the other's checkpoint in the way.
    private readonly Lock _checkpointGate = new();
    private WalCheckpointer? _checkpointer;

    /// <summary>The background checkpointer (null when disabled or when it could not start), for tests.</summary>
    internal WalCheckpointer? CheckpointerForTesting => _checkpointer;

    private void StartCheckpointer()
    {
        if (!_options.BackgroundCheckpoints)
        {
            return;
        }

        int pageSize = (int)(long)ExecuteScalar("PRAGMA page_size")!;
        TakePagesWritten();
        _checkpointer = WalCheckpointer.Start(_path, _options, pageSize, _checkpointGate, _logger);
    }

    /// <summary>Pages this connection wrote to the WAL since the last call: one native call, no I/O.</summary>
    private int TakePagesWritten()
    {
        raw.sqlite3_db_status(_connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out int pages, out _, 1);
        return pages;
    }
}
