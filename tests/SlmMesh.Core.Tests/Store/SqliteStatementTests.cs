using Microsoft.Data.Sqlite;
using SlmMesh.Store;
using SQLitePCL;

namespace SlmMesh.Core.Tests.Store;

/// <summary>The prepared-statement wrapper: values, SQLite's error codes as the engine needs them, and reset after errors.</summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteConnection _connection;

    public SqliteStatementTests()
    {
        _connection = Open(SqliteOpenMode.ReadWriteCreate);
        Execute(_connection, "PRAGMA journal_mode = WAL");
        Execute(_connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, note TEXT, n INTEGER)");
    }

    private sqlite3 Db => _connection.Handle!;

    [Fact]
    public void Text_and_integers_round_trip_and_empty_text_is_not_null()
    {
        using SqliteStatement insert = SqliteStatement.Prepare(Db, "INSERT INTO t (name, note, n) VALUES (@name, @note, @n)", "@name", "@note", "@n");
        using SqliteStatement read = SqliteStatement.Prepare(Db, "SELECT name, note, n, typeof(note) FROM t WHERE id = @id", "@id");
        string[] names = ["", "plain", "héllo wörld ✓ 🌍", new string('é', 5_000), "x" + new string('y', 400)];
        foreach (string name in names)
        {
            insert.Bind(1, name);
            insert.Bind(2, name.Length % 2 == 0 ? null : name);
            insert.Bind(3, name.Length % 3 == 0 ? null : (long?)name.Length);
            Assert.Equal(1, insert.Execute());
        }

        for (int id = 1; id <= names.Length; id++)
        {
            string name = names[id - 1];
            read.Bind(1, id);
            Assert.True(read.Step());
            Assert.Equal(name, read.GetString(0));
            Assert.Equal(name.Length % 2 == 0 ? null : name, read.GetNullableString(1));
            Assert.Equal(name.Length % 3 == 0 ? null : name.Length, read.GetNullableInt64(2));
            Assert.Equal(name.Length % 2 == 0 ? "null" : "text", read.GetString(3));
            Assert.False(read.Step());
        }
    }

    [Fact]
    public void A_repeated_value_is_returned_as_the_string_passed_to_reuse()
    {
        Execute(_connection, "INSERT INTO t (name, note) VALUES ('a', 'same'), ('b', 'same'), ('c', 'différent')");
        using SqliteStatement read = SqliteStatement.Prepare(Db, "SELECT note FROM t ORDER BY id");
        string previous = "same";

        Assert.True(read.Step());
        Assert.Same(previous, read.GetString(0, previous));
        Assert.True(read.Step());
        Assert.Same(previous, read.GetString(0, previous));
        Assert.True(read.Step());
        Assert.Equal("différent", read.GetString(0, "différen"));
        read.Reset();
    }

    [Fact]
    public void The_parameters_must_be_the_declared_names_in_order()
    {
        var ex = Assert.Throws<ArgumentException>(() => SqliteStatement.Prepare(Db, "SELECT * FROM t WHERE name = @name AND n = @n", "@n", "@name"));

        Assert.Contains("(@name, @n)", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SqliteStatement.Prepare(Db, "SELECT 1; SELECT 2"));
    }

    [Fact]
    public void A_bad_statement_fails_to_prepare_with_SQLITE_ERROR_which_is_not_a_storage_fault()
    {
        SqliteException ex = Assert.Throws<SqliteException>(() => SqliteStatement.Prepare(Db, "SELECT * FROM no_such_table"));

        Assert.Equal(raw.SQLITE_ERROR, ex.SqliteErrorCode);
        Assert.Contains("no_such_table", ex.Message, StringComparison.Ordinal);
        Assert.False(MeshStore.IsStorageFault(ex));
    }

    [Fact]
    public void A_constraint_violation_carries_its_extended_code_and_the_statement_is_reset_and_reusable()
    {
        using SqliteStatement insert = SqliteStatement.Prepare(Db, "INSERT INTO t (name) VALUES (@name)", "@name");
        insert.Bind(1, "taken");
        insert.Execute();

        SqliteException unique = Assert.Throws<SqliteException>(() => insert.Execute());
        Assert.False(insert.IsBusy);
        insert.Bind(1, (string?)null);
        SqliteException notNull = Assert.Throws<SqliteException>(() => insert.Execute());
        Assert.False(insert.IsBusy);

        Assert.Equal((raw.SQLITE_CONSTRAINT, raw.SQLITE_CONSTRAINT_UNIQUE), (unique.SqliteErrorCode, unique.SqliteExtendedErrorCode));
        Assert.Equal((raw.SQLITE_CONSTRAINT, raw.SQLITE_CONSTRAINT_NOTNULL), (notNull.SqliteErrorCode, notNull.SqliteExtendedErrorCode));
        Assert.False(MeshStore.IsStorageFault(unique));
        insert.Bind(1, "free");
        Assert.Equal(1, insert.Execute());
        Assert.Equal(2L, Scalar(_connection, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_query_that_fails_after_some_rows_is_reset_and_releases_its_snapshot()
    {
        Execute(_connection, "INSERT INTO t (name, n) VALUES ('a', 1), ('b', 2), ('c', 3)");

        // abs() of the smallest integer overflows: an error on the third row, after two were returned.
        using SqliteStatement query = SqliteStatement.Prepare(
            Db, "SELECT CASE WHEN n = 3 THEN abs(-9223372036854775807 - 1) ELSE n END FROM t WHERE n >= @min ORDER BY id", "@min");
        query.Bind(1, 1);
        Assert.True(query.Step());
        Assert.True(query.Step());
        Assert.True(query.IsBusy);

        SqliteException ex = Assert.Throws<SqliteException>(() => query.Step());

        Assert.Equal(raw.SQLITE_ERROR, ex.SqliteErrorCode);
        Assert.Contains("overflow", ex.Message, StringComparison.Ordinal);
        Assert.False(query.IsBusy);

        // Binding needs a reset statement (SQLite answers SQLITE_MISUSE otherwise): it runs again from the start.
        query.Bind(1, 2);
        Assert.True(query.Step());
        Assert.Equal(2L, query.GetInt64(0));
        query.Reset();

        // No snapshot held: a TRUNCATE checkpoint from another connection is not held back by this one.
        Execute(_connection, "INSERT INTO t (name, n) VALUES ('d', 4)");
        using SqliteConnection other = Open(SqliteOpenMode.ReadWrite);
        Assert.Equal(0L, Scalar(other, "PRAGMA wal_checkpoint(TRUNCATE)"));
        Assert.Equal(0, new FileInfo(Path + "-wal").Length);
    }

    [Fact]
    public void A_full_database_is_SQLITE_FULL_a_storage_fault_and_the_statement_works_once_there_is_room()
    {
        long pages = (long)Scalar(_connection, "PRAGMA page_count")!;
        Execute(_connection, $"PRAGMA max_page_count = {pages + 2}");
        using SqliteStatement insert = SqliteStatement.Prepare(Db, "INSERT INTO t (name, note) VALUES (@name, @note)", "@name", "@note");
        string big = new('x', 3_000);

        SqliteException ex = Assert.Throws<SqliteException>(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                insert.Bind(1, $"n{i}");
                insert.Bind(2, big);
                insert.Execute();
            }
        });

        Assert.Equal((raw.SQLITE_FULL, raw.SQLITE_FULL), (ex.SqliteErrorCode, ex.SqliteExtendedErrorCode));
        Assert.True(MeshStore.IsStorageFault(ex));
        Assert.False(insert.IsBusy);
        Execute(_connection, "PRAGMA max_page_count = 1073741823");
        insert.Bind(1, "after");
        Assert.Equal(1, insert.Execute());
    }

    [Fact]
    public void Writing_through_a_read_only_connection_is_SQLITE_READONLY_and_a_storage_fault()
    {
        using SqliteConnection readOnly = Open(SqliteOpenMode.ReadOnly);
        using SqliteStatement insert = SqliteStatement.Prepare(readOnly.Handle!, "INSERT INTO t (name) VALUES (@name)", "@name");
        insert.Bind(1, "x");

        SqliteException ex = Assert.Throws<SqliteException>(() => insert.Execute());

        Assert.Equal(raw.SQLITE_READONLY, ex.SqliteErrorCode);
        Assert.True(MeshStore.IsStorageFault(ex));
        Assert.False(insert.IsBusy);
        Assert.Equal(0L, Scalar(_connection, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_write_while_another_connection_holds_the_write_lock_is_SQLITE_BUSY_and_succeeds_after()
    {
        using SqliteConnection other = Open(SqliteOpenMode.ReadWrite);
        raw.sqlite3_busy_timeout(Db, 0);
        using SqliteStatement insert = SqliteStatement.Prepare(Db, "INSERT INTO t (name) VALUES (@name)", "@name");
        insert.Bind(1, "mine");
        Execute(other, "BEGIN IMMEDIATE");

        SqliteException ex = Assert.Throws<SqliteException>(() => insert.Execute());
        Execute(other, "COMMIT");

        Assert.Equal(raw.SQLITE_BUSY, ex.SqliteErrorCode);
        Assert.True(MeshStore.IsStorageFault(ex));
        Assert.False(insert.IsBusy);
        Assert.Equal(1, insert.Execute());
    }

    [Fact]
    public void Execute_reports_the_rows_changed_and_ExecuteInt64_the_first_value()
    {
        Execute(_connection, "INSERT INTO t (name, n) VALUES ('a', 1), ('b', 1), ('c', 2)");
        using SqliteStatement update = SqliteStatement.Prepare(Db, "UPDATE t SET note = 'x' WHERE n = @n", "@n");
        using SqliteStatement insert = SqliteStatement.Prepare(Db, "INSERT INTO t (name) VALUES (@name) RETURNING id", "@name");
        using SqliteStatement none = SqliteStatement.Prepare(Db, "SELECT id FROM t WHERE 0");
        update.Bind(1, 1);
        insert.Bind(1, "d");

        Assert.Equal(2, update.Execute());
        Assert.Equal(4L, insert.ExecuteInt64());
        Assert.Throws<InvalidOperationException>(() => none.ExecuteInt64());
        Assert.Equal(4L, Scalar(_connection, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void Disposed_statements_let_the_connection_close_the_file()
    {
        SqliteStatement statement = SqliteStatement.Prepare(Db, "SELECT count(*) FROM t");
        Assert.Equal(0L, statement.ExecuteInt64());

        statement.Dispose();
        statement.Dispose();
        _connection.Dispose();

        // The last connection closed cleanly: SQLite checkpointed and deleted the WAL.
        Assert.False(File.Exists(Path + "-wal"));
    }

    public void Dispose()
    {
        _connection.Dispose();
        _folder.Dispose();
    }

    private string Path => _folder.File("t.db");

    private SqliteConnection Open(SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
