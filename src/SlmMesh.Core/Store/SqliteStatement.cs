using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SlmMesh.Store;

/// <summary>
/// One SQL statement prepared once on a connection's handle and reused: bind by index, step, reset.
/// Skips Microsoft.Data.Sqlite's per-call work (a data reader per execution, statement enumeration,
/// binding by name). Not thread-safe, like the connection it belongs to.
/// </summary>
/// <remarks>
/// Errors are thrown as <see cref="SqliteException"/> with SQLite's primary and extended codes, and the
/// statement is reset on the way out, so a failed call never leaves a read snapshot or a half-run statement behind.
/// A caller that stops reading rows early calls <see cref="Reset"/> itself. Dispose every statement
/// before closing its connection: an unfinalized statement keeps the database file open.
/// </remarks>
internal sealed partial class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    private SqliteStatement(sqlite3 db, sqlite3_stmt stmt, string sql)
    {
        _db = db;
        _stmt = stmt;
        Sql = sql;
    }

    /// <summary>The statement's SQL, as prepared.</summary>
    public string Sql { get; }

    /// <summary>Whether the statement is part-way through its rows (stepped and not reset): it then holds a read snapshot.</summary>
    public bool IsBusy => raw.sqlite3_stmt_busy(_stmt) != 0;

    /// <summary>
    /// Prepares <paramref name="sql"/> (a single statement) on <paramref name="db"/>. The statement's
    /// parameters must be exactly <paramref name="parameterNames"/>, in that order: the names document
    /// what index 1, 2, … mean, and a mismatch fails here rather than binding a value to the wrong column.
    /// </summary>
    public static SqliteStatement Prepare(sqlite3 db, string sql, params ReadOnlySpan<string> parameterNames)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(sql);
        int rc = raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out sqlite3_stmt stmt, out string tail);
        if (rc != raw.SQLITE_OK)
        {
            stmt?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        var statement = new SqliteStatement(db, stmt!, sql);
        try
        {
            if (stmt is null || stmt.IsInvalid)
            {
                throw new ArgumentException("The SQL holds no statement.", nameof(sql));
            }

            if (!string.IsNullOrWhiteSpace(tail))
            {
                throw new ArgumentException($"Only one statement can be prepared at a time; this follows the first: {tail.Trim()}", nameof(sql));
            }

            CheckParameters(stmt, parameterNames);
            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>Runs the statement to its end and resets it; returns the rows changed (meaningful for INSERT, UPDATE and DELETE only).</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_stmt)) == raw.SQLITE_ROW)
            {
                // Rows of a statement run for its effect (PRAGMA wal_checkpoint, say) are not needed.
            }

            ThrowIfFailed(rc);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    /// <summary>Runs the statement and returns the integer in the first column of its first row; resets it.</summary>
    /// <exception cref="InvalidOperationException">The statement returned no row.</exception>
    public long ExecuteInt64()
    {
        try
        {
            return Step() ? GetInt64(0) : throw new InvalidOperationException($"No row returned by: {Sql}");
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    /// <summary>
    /// Advances to the next row: true when there is one to read with the getters. On the last step (false)
    /// or an error the statement is reset; a caller that stops before the last row calls <see cref="Reset"/>.
    /// </summary>
    public bool Step()
    {
        int rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        try
        {
            ThrowIfFailed(rc);
            return false;
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    /// <summary>Makes the statement ready to run again, releasing any snapshot it holds. Bindings stay.</summary>
    /// <remarks>Ignores the code SQLite repeats here for an earlier failed step: that error was thrown then.</remarks>
    public void Reset() => raw.sqlite3_reset(_stmt);

    /// <summary>Finalizes the statement. Safe to repeat.</summary>
    public void Dispose() => _stmt?.Dispose();

    private static void CheckParameters(sqlite3_stmt stmt, ReadOnlySpan<string> expected)
    {
        int count = raw.sqlite3_bind_parameter_count(stmt);
        var actual = new string[count];
        for (int i = 0; i < count; i++)
        {
            actual[i] = raw.sqlite3_bind_parameter_name(stmt, i + 1).utf8_to_string() ?? $"?{i + 1}";
        }

        if (!expected.SequenceEqual(actual))
        {
            throw new ArgumentException(
                $"The statement's parameters are ({string.Join(", ", actual)}), not ({string.Join(", ", expected.ToArray())}), in that order.");
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private void ThrowIfFailed(int rc)
    {
        if (rc != raw.SQLITE_DONE)
        {
            // Read the message and extended code now: the reset that follows may overwrite them.
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
