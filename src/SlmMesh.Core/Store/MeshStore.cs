using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SlmMesh.Store;

/// <summary>
/// The broker's SQLite store (<c>mesh.db</c>, WAL). Owned by the broker engine's single thread: not
/// thread-safe by design, every statement prepared once and reused. Writes are grouped by the caller
/// between <see cref="BeginBatch"/> and <see cref="CommitBatch"/> (group commit).
/// </summary>
internal sealed partial class MeshStore : IDisposable
{
    // SKELETON: implemented by the store work item. Signatures are the contract the engine codes against.

    /// <summary>The database file.</summary>
    public string Path => throw new NotImplementedException();

    /// <summary>
    /// Opens (creating with mode 0600 if missing) and migrates the database. A file that is not a valid
    /// SQLite database, or fails its integrity check, is moved aside as <c>mesh.db.corrupt-&lt;utc stamp&gt;</c>
    /// (with its -wal and -shm) and logged, and a fresh database is created.
    /// </summary>
    public static MeshStore Open(string path, ILogger logger) => throw new NotImplementedException();

    /// <summary>Starts a write transaction.</summary>
    public void BeginBatch() => throw new NotImplementedException();

    /// <summary>Commits the transaction started by <see cref="BeginBatch"/>.</summary>
    public void CommitBatch() => throw new NotImplementedException();

    /// <summary>Rolls back the transaction started by <see cref="BeginBatch"/>, if one is open.</summary>
    public void RollbackBatch() => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose() => throw new NotImplementedException();

    /// <summary>Whether <paramref name="exception"/> is a storage fault (disk full, read-only, I/O, corrupt) rather than a bug.</summary>
    public static bool IsStorageFault(SqliteException exception) => throw new NotImplementedException();
}
