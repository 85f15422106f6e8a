using System.Text;
using SQLitePCL;

namespace SlmMesh.Store;

// The getters read the current row: call them after Step returned true, before the next Step or Reset.
internal sealed partial class SqliteStatement
{
    /// <summary>Whether the column of the current row is SQL NULL.</summary>
    public bool IsNull(int column) => raw.sqlite3_column_type(_stmt, column) == raw.SQLITE_NULL;

    /// <summary>The integer in a column of the current row.</summary>
    public long GetInt64(int column) => raw.sqlite3_column_int64(_stmt, column);

    /// <summary>A column of the current row as a 32-bit integer.</summary>
    public int GetInt32(int column) => raw.sqlite3_column_int(_stmt, column);

    /// <summary>A 0/1 column of the current row.</summary>
    public bool GetBoolean(int column) => raw.sqlite3_column_int64(_stmt, column) != 0;

    /// <summary>The integer in a column of the current row, or null for SQL NULL.</summary>
    public long? GetNullableInt64(int column) => IsNull(column) ? null : GetInt64(column);

    /// <summary>The text in a column of the current row.</summary>
    public string GetString(int column) => GetString(column, reuse: null);

    /// <summary>
    /// The text in a column of the current row; returns <paramref name="reuse"/> itself when it holds the same
    /// (ASCII) text, so rows that repeat a value (a sender, a type) share one string instead of allocating one each.
    /// </summary>
    public string GetString(int column, string? reuse)
    {
        // For TEXT in a UTF-8 database, column_blob is the stored bytes, with no conversion and no copy.
        ReadOnlySpan<byte> bytes = raw.sqlite3_column_blob(_stmt, column);
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (reuse is not null && reuse.Length == bytes.Length && System.Text.Ascii.Equals(bytes, reuse))
        {
            return reuse;
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The text in a column of the current row, or null for SQL NULL.</summary>
    public string? GetNullableString(int column, string? reuse = null) => IsNull(column) ? null : GetString(column, reuse);
}
