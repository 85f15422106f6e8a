using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private const int BusyTimeoutMs = 5000;

    // Bounds the WAL: checkpoint every ~4 MiB of pages, and truncate the file back to this after a checkpoint.
    private const int WalAutoCheckpointPages = 1000;
    private const long JournalSizeLimitBytes = 64L * 1024 * 1024;

    private static MeshStore OpenOnce(string path, ILogger logger)
    {
        CreateFileIfMissing(path);
        ThrowIfNotSqlite(path);
        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // A pooled connection would keep the file open after Dispose, so it could not be moved aside.
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();

        var store = new MeshStore(path, new SqliteConnection(connectionString), logger);
        try
        {
            store._connection.Open();
            store.ApplyPragmas();
            store.CheckIntegrity();
            store.Migrate();
            store.PrepareStatements();
            RestrictSidecarFiles(path);
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
        ExecuteScalar($"PRAGMA journal_size_limit = {JournalSizeLimitBytes}");
        ExecuteScalar($"PRAGMA wal_autocheckpoint = {WalAutoCheckpointPages}");
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
