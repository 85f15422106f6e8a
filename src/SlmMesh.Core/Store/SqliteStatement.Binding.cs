using System.Buffers;
using System.Text;
using SQLitePCL;

namespace SlmMesh.Store;

internal sealed partial class SqliteStatement
{
    // Strings up to this many UTF-8 bytes are encoded on the stack; longer ones in a pooled buffer.
    private const int StackBufferBytes = 1024;

    /// <summary>Binds SQL NULL or text.</summary>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_stmt, index));
        }
        else if (value.Length == 0)
        {
            // An empty span pins to a null pointer, which SQLite would bind as NULL: point at a terminator instead.
            Check(raw.sqlite3_bind_text(_stmt, index, utf8z.FromSpan("\0"u8)));
        }
        else if (value.Length <= StackBufferBytes / 3)
        {
            Span<byte> buffer = stackalloc byte[StackBufferBytes];
            int length = Encoding.UTF8.GetBytes(value, buffer);
            Check(raw.sqlite3_bind_text(_stmt, index, buffer[..length]));
        }
        else
        {
            // SQLite copies the bytes (SQLITE_TRANSIENT), so the buffer goes back to the pool at once.
            byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(value));
            try
            {
                int length = Encoding.UTF8.GetBytes(value, rented);
                Check(raw.sqlite3_bind_text(_stmt, index, rented.AsSpan(0, length)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Binds an integer.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    /// <summary>Binds SQL NULL or an integer.</summary>
    public void Bind(int index, long? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    /// <summary>Binds a boolean as 0 or 1, as SQLite stores them.</summary>
    public void Bind(int index, bool value) => Check(raw.sqlite3_bind_int64(_stmt, index, value ? 1 : 0));
}
