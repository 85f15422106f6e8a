using Microsoft.Data.Sqlite;
using SlmMesh.Store;

namespace SlmMesh.Core.Tests.Store;

public sealed class MeshStoreFaultTests : StoreTestBase
{
    [Fact]
    public void A_full_database_is_a_storage_fault_and_the_store_recovers_once_there_is_room()
    {
        Store.InsertMessage(Message("m0", "bob"));
        SqliteConnection connection = Store.ConnectionForTesting;
        long pages = (long)Scalar(connection, "PRAGMA page_count")!;
        Scalar(connection, $"PRAGMA max_page_count = {pages + 2}");

        Store.BeginBatch();
        SqliteException ex = Assert.Throws<SqliteException>(() =>
        {
            for (int i = 1; i < 10_000; i++)
            {
                Store.InsertMessage(Message($"m{i}", "bob") with { Payload = new string('x', 1024) });
            }
        });
        Store.RollbackBatch();

        Assert.Equal(13, ex.SqliteErrorCode);
        Assert.True(MeshStore.IsStorageFault(ex));
        Assert.Equal(1, Store.CountMessages());
        Scalar(connection, "PRAGMA max_page_count = 1073741823");
        Assert.True(Store.InsertMessage(Message("m1", "bob")));
    }

    [Fact]
    public void Writing_through_a_read_only_connection_is_a_storage_fault()
    {
        // Running as root, chmod 0400 would not stop a write: open the same file read-only in SQLite instead.
        Store.InsertMessage(Message("m0", "bob"));
        using var readOnly = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        readOnly.Open();

        SqliteException ex = Assert.Throws<SqliteException>(() => Scalar(readOnly, "DELETE FROM messages"));

        Assert.Equal(8, ex.SqliteErrorCode);
        Assert.True(MeshStore.IsStorageFault(ex));
        Assert.Equal(1, Store.CountMessages());
    }

    [Fact]
    public void A_write_blocked_by_another_writer_is_a_storage_fault()
    {
        Store.InsertMessage(Message("m0", "bob"));
        using var other = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, DefaultTimeout = 1 }.ToString());
        other.Open();
        Scalar(other, "PRAGMA busy_timeout = 0");
        Store.BeginBatch();
        Store.InsertMessage(Message("m1", "bob"));

        SqliteException ex = Assert.Throws<SqliteException>(() => Scalar(other, "DELETE FROM messages"));
        Store.CommitBatch();

        Assert.Equal(5, ex.SqliteErrorCode & 0xFF);
        Assert.True(MeshStore.IsStorageFault(ex));
    }

    [Theory]
    [InlineData(13, true)] // SQLITE_FULL
    [InlineData(8, true)] // SQLITE_READONLY
    [InlineData(10, true)] // SQLITE_IOERR
    [InlineData(10 | (3 << 8), true)] // SQLITE_IOERR_WRITE
    [InlineData(11, true)] // SQLITE_CORRUPT
    [InlineData(26, true)] // SQLITE_NOTADB
    [InlineData(14, true)] // SQLITE_CANTOPEN
    [InlineData(5, true)] // SQLITE_BUSY
    [InlineData(6, true)] // SQLITE_LOCKED
    [InlineData(1, false)] // SQLITE_ERROR
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    [InlineData(19 | (5 << 8), false)] // SQLITE_CONSTRAINT_NOTNULL
    [InlineData(20, false)] // SQLITE_MISMATCH
    public void Storage_faults_are_told_apart_from_bugs_by_primary_code(int code, bool fault)
    {
        Assert.Equal(fault, MeshStore.IsStorageFault(new SqliteException("test", code)));
    }

    [Fact]
    public void A_bad_statement_is_not_a_storage_fault()
    {
        SqliteException ex = Assert.Throws<SqliteException>(() => Scalar(Store.ConnectionForTesting, "SELECT * FROM no_such_table"));

        Assert.False(MeshStore.IsStorageFault(ex));
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
