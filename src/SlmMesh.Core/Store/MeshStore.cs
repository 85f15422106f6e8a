using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace SlmMesh.Store;

/// <summary>
/// The broker's SQLite store (<c>mesh.db</c>, WAL). Owned by the broker engine's single thread: not
/// thread-safe by design, every statement prepared once and reused. Writes are grouped by the caller
/// between <see cref="BeginBatch"/> and <see cref="EndBatch"/> (group commit).
/// </summary>
internal sealed partial class MeshStore : IDisposable
{
    private readonly string _path;
    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly MeshStoreOptions _options;
    private readonly List<SqliteStatement> _statements = [];
    private SqliteStatement _begin = null!;
    private SqliteStatement _commit = null!;
    private SqliteStatement _rollback = null!;
    private bool _disposed;
    private bool _keepFilesOnClose;

    private MeshStore(string path, SqliteConnection connection, MeshStoreOptions options, ILogger logger)
    {
        _path = path;
        _connection = connection;
        _options = options;
        _logger = logger;
    }

    /// <summary>The database file.</summary>
    public string Path => _path;

    /// <summary>The store's own connection, for tests that need to provoke faults. The engine must not use it.</summary>
    internal SqliteConnection ConnectionForTesting => _connection;

    /// <summary>The SQL of every prepared statement, for tests that check query plans.</summary>
    internal IEnumerable<string> PreparedSql => _statements.Select(s => s.Sql);

    /// <summary>Whether a transaction is open on the connection (SQLite's own view, so a transaction SQLite rolled back by itself counts as closed).</summary>
    internal bool InTransaction => _connection.Handle is { } handle && raw.sqlite3_get_autocommit(handle) == 0;

    /// <summary>
    /// Opens (creating with mode 0600 if missing) and migrates the database. A file that is not a valid
    /// SQLite database, or fails its integrity check, is moved aside as <c>mesh.db.corrupt-&lt;utc stamp&gt;</c>
    /// (with its -wal and -shm) and logged, and a fresh database is created.
    /// </summary>
    public static MeshStore Open(string path, ILogger logger) => Open(path, logger, MeshStoreOptions.Default);

    /// <inheritdoc cref="Open(string, ILogger)"/>
    internal static MeshStore Open(string path, ILogger logger, MeshStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        string fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            return OpenOnce(fullPath, options, logger);
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            string movedTo = MoveAside(fullPath);
            LogMovedAside(logger, ex, fullPath, movedTo);
            return OpenOnce(fullPath, options, logger);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // First: its connection must not be the last one open, which would checkpoint and delete the WAL on close.
        _checkpointer?.Dispose();
        if (!_keepFilesOnClose && _connection.State == System.Data.ConnectionState.Open && _statements.Count > 0)
        {
            try
            {
                // Acknowledgements still waiting for a commit are kept, anything else half-done is not.
                if (_deferring)
                {
                    CommitDeferred();
                }

                RollbackBatch();
                using SqliteCommand optimize = _connection.CreateCommand();
                optimize.CommandText = "PRAGMA optimize";
                optimize.ExecuteNonQuery();
            }
            catch (SqliteException ex)
            {
                LogCloseFailed(_logger, ex, _path);
            }
        }

        // Before the connection: an unfinalized statement would keep the file open after Close.
        foreach (SqliteStatement statement in _statements)
        {
            statement.Dispose();
        }

        _statements.Clear();
        _connection.Dispose();
    }

    /// <summary>Whether <paramref name="exception"/> is a storage fault (disk full, read-only, I/O, corrupt) rather than a bug.</summary>
    public static bool IsStorageFault(SqliteException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return (exception.SqliteErrorCode & 0xFF) switch
        {
            raw.SQLITE_FULL or raw.SQLITE_READONLY or raw.SQLITE_IOERR or raw.SQLITE_CORRUPT
                or raw.SQLITE_NOTADB or raw.SQLITE_CANTOPEN or raw.SQLITE_BUSY or raw.SQLITE_LOCKED => true,
            _ => false,
        };
    }

    /// <summary>Prepares a statement once; its parameters are bound by index, in the order named here.</summary>
    private SqliteStatement Prepare(string sql, params ReadOnlySpan<string> parameterNames)
    {
        SqliteStatement statement = SqliteStatement.Prepare(_connection.Handle!, sql, parameterNames);
        _statements.Add(statement);
        return statement;
    }

    /// <summary>Commits the open transaction and keeps the WAL in check.</summary>
    private void Commit()
    {
        _commit.Execute();
        AfterCommit();
    }

    private void PrepareStatements()
    {
        // IMMEDIATE takes the write lock up front: a batch never fails half-way on a lock upgrade.
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        PreparePeerStatements();
        PrepareMessageStatements();
        PrepareStateStatements();
        PrepareLockStatements();
        PrepareEventStatements();
        PrepareMaintenanceStatements();
    }

    private void ThrowIfInBatch(string operation)
    {
        CommitDeferred();
        if (InTransaction)
        {
            throw new InvalidOperationException($"{operation} must not be called inside a batch.");
        }
    }
}
