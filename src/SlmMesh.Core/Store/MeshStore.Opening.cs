using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private const int BusyTimeoutMs = 5000;

    private static MeshStore OpenOnce(string path, MeshStoreOptions options, ILogger logger)
    {
        CreateFileIfMissing(path);
        ThrowIfNotSqlite(path);
        var store = new MeshStore(path, new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadWriteCreate)), options, logger);
        try
        {
            store._connection.Open();
            store.ApplyPragmas();
            store.CheckIntegrity();
            store.Migrate();
            store.PrepareStatements();
            RestrictSidecarFiles(path);
            store.StartCheckpointer();
            return store;
        }
        catch (Exception ex)
        {
            if (IsCorruption(ex))
            {
                store.KeepFilesAsTheyAre();
            }

            store.Dispose();
            throw;
        }
    }

    /// <summary>Connection strings for this store's connections (the engine's and the checkpointer's).</summary>
    internal static string ConnectionString(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        // A pooled connection would keep the file open after Dispose, so it could not be moved aside.
        Pooling = false,
        DefaultTimeout = BusyTimeoutMs / 1000,
    }.ToString();

    /// <summary>
    /// Rejects a file without the SQLite header before SQLite sees it: SQLite would adopt a -wal beside it
    /// and delete it on close, and that WAL is evidence we move aside with the file.
    /// </summary>
    private static void ThrowIfNotSqlite(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length == 0)
        {
            return;
        }

        Span<byte> header = stackalloc byte[16];
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (!header[..read].SequenceEqual("SQLite format 3\0"u8))
        {
            throw new SqliteException($"{path} does not start with the SQLite header.", raw.SQLITE_NOTADB);
        }
    }

    /// <summary>Closing must not checkpoint the WAL into a damaged file (nor delete the WAL): it is moved aside as found.</summary>
    private void KeepFilesAsTheyAre()
    {
        _keepFilesOnClose = true;
        if (_connection.Handle is { } handle)
        {
            raw.sqlite3_db_config(handle, raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
        }
    }

    private void ApplyPragmas()
    {
        // busy_timeout first: it touches no page, and the pragmas after it may wait for a lock.
        ExecuteScalar($"PRAGMA busy_timeout = {BusyTimeoutMs}");
        string? mode = ExecuteScalar("PRAGMA journal_mode = WAL") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            LogNoWal(_logger, _path, mode ?? "unknown");
        }

        ExecuteScalar("PRAGMA synchronous = NORMAL");
        ExecuteScalar("PRAGMA foreign_keys = OFF");

        // WalCheckpointer copies the WAL into the database on its own thread, and AfterCommit bounds the log
        // when that is not enough. SQLite's own checkpoint after a commit (on this, the engine's, thread) is
        // only a last resort above both. When SQLite starts the log over, it cuts the file to journal_size_limit.
        ExecuteScalar($"PRAGMA journal_size_limit = {_options.JournalSizeLimitBytes}");
        ExecuteScalar($"PRAGMA wal_autocheckpoint = {_options.AutoCheckpointPages}");
        ExecuteScalar("PRAGMA temp_store = MEMORY");
    }

    private void CheckIntegrity()
    {
        // quick_check is O(size) but skips the index-content cross-check: cheap enough for every open.
        string? result = ExecuteScalar("PRAGMA quick_check") as string;
        if (!string.Equals(result, "ok", StringComparison.Ordinal))
        {
            throw new SqliteException($"Integrity check failed: {result}", raw.SQLITE_CORRUPT);
        }
    }

    private object? ExecuteScalar(string sql)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private int ExecuteNonQuery(string sql)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static bool IsCorruption(Exception exception) =>
        exception is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB;
}
