using Microsoft.Data.Sqlite;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private const string StateColumns = "namespace, key, value, version, updated_by, updated_at";

    private SqliteCommand _getState = null!;
    private SqliteCommand _putState = null!;
    private SqliteCommand _listState = null!;
    private SqliteCommand _listStateNamespace = null!;
    private SqliteCommand _listStateRange = null!;
    private SqliteCommand _listStatePrefixScan = null!;
    private SqliteCommand _countState = null!;

    /// <summary>
    /// A key's row, tombstones included: (entry, deleted). Null when the key was never written.
    /// A deleted key keeps its version so versions never go back (no ABA on compare-and-swap).
    /// </summary>
    public (StateEntry Entry, bool Deleted)? GetState(string @namespace, string key)
    {
        _getState.Parameters["@namespace"].Value = @namespace;
        _getState.Parameters["@key"].Value = key;
        using SqliteDataReader reader = _getState.ExecuteReader();
        return reader.Read() ? (ReadStateEntry(reader), reader.GetBoolean(6)) : null;
    }

    /// <summary>Writes a live value (insert or replace).</summary>
    public void PutState(StateEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        WriteState(entry.Namespace, entry.Key, entry.Value, entry.Version, entry.UpdatedBy, entry.UpdatedAt, deleted: false);
    }

    /// <summary>Turns a key into a tombstone with the given version.</summary>
    /// <remarks>The value is dropped: a tombstone only keeps the version and who deleted it when.</remarks>
    public void DeleteState(string @namespace, string key, long version, string deletedBy, long deletedAt) =>
        WriteState(@namespace, key, string.Empty, version, deletedBy, deletedAt, deleted: true);

    /// <summary>Live keys, optionally of one namespace and with a key prefix, ordered by namespace then key.</summary>
    public IReadOnlyList<StateEntry> ListState(string? @namespace, string? prefix, int limit)
    {
        if (limit <= 0)
        {
            return [];
        }

        SqliteCommand command;
        string? upper = string.IsNullOrEmpty(prefix) ? null : PrefixUpperBound(prefix);
        if (string.IsNullOrEmpty(prefix))
        {
            command = @namespace is null ? _listState : _listStateNamespace;
        }
        else if (@namespace is not null && upper is not null)
        {
            command = _listStateRange;
            command.Parameters["@lower"].Value = prefix;
            command.Parameters["@upper"].Value = upper;
        }
        else
        {
            command = _listStatePrefixScan;
            command.Parameters["@prefix"].Value = prefix;
        }

        if (command != _listState)
        {
            command.Parameters["@namespace"].Value = DbValue(@namespace);
        }

        command.Parameters["@limit"].Value = limit;
        var entries = new List<StateEntry>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(ReadStateEntry(reader));
        }

        return entries;
    }

    /// <summary>Live keys.</summary>
    public long CountState() => (long)_countState.ExecuteScalar()!;

    /// <summary>
    /// The least string above every string that starts with <paramref name="prefix"/>, in SQLite's BINARY
    /// order (UTF-8 bytes, which is code point order): the prefix with its last code point raised by one.
    /// Null when there is none (the prefix is all U+10FFFF).
    /// </summary>
    internal static string? PrefixUpperBound(string prefix)
    {
        string rest = prefix;
        while (rest.Length > 0)
        {
            int last = char.IsLowSurrogate(rest[^1]) && rest.Length > 1 && char.IsHighSurrogate(rest[^2]) ? 2 : 1;
            int codePoint = last == 2 ? char.ConvertToUtf32(rest[^2], rest[^1]) : rest[^1];
            rest = rest[..^last];
            if (codePoint == 0x10FFFF)
            {
                continue;
            }

            // Lone surrogates are not valid text; past them the next code point is U+E000.
            int next = codePoint + 1 is >= 0xD800 and <= 0xDFFF ? 0xE000 : codePoint + 1;
            return rest + char.ConvertFromUtf32(next);
        }

        return null;
    }

    private void WriteState(string @namespace, string key, string value, long version, string updatedBy, long updatedAt, bool deleted)
    {
        SqliteParameterCollection p = _putState.Parameters;
        p["@namespace"].Value = @namespace;
        p["@key"].Value = key;
        p["@value"].Value = value;
        p["@version"].Value = version;
        p["@updated_by"].Value = updatedBy;
        p["@updated_at"].Value = updatedAt;
        p["@deleted"].Value = deleted;
        _putState.ExecuteNonQuery();
    }

    private static StateEntry ReadStateEntry(SqliteDataReader reader) => new()
    {
        Namespace = reader.GetString(0),
        Key = reader.GetString(1),
        Value = reader.GetString(2),
        Version = reader.GetInt64(3),
        UpdatedBy = reader.GetString(4),
        UpdatedAt = reader.GetInt64(5),
    };

    private void PrepareStateStatements()
    {
        _getState = Prepare(
            $"SELECT {StateColumns}, deleted FROM state WHERE namespace = @namespace AND key = @key", "@namespace", "@key");
        _putState = Prepare(
            $"""
            INSERT INTO state ({StateColumns}, deleted)
            VALUES (@namespace, @key, @value, @version, @updated_by, @updated_at, @deleted)
            ON CONFLICT (namespace, key) DO UPDATE SET
                value = excluded.value, version = excluded.version, updated_by = excluded.updated_by,
                updated_at = excluded.updated_at, deleted = excluded.deleted
            """,
            "@namespace", "@key", "@value", "@version", "@updated_by", "@updated_at", "@deleted");
        _listState = Prepare(
            $"SELECT {StateColumns} FROM state WHERE deleted = 0 ORDER BY namespace, key LIMIT @limit", "@limit");
        _listStateNamespace = Prepare(
            $"SELECT {StateColumns} FROM state WHERE namespace = @namespace AND deleted = 0 ORDER BY key LIMIT @limit",
            "@namespace", "@limit");
        _listStateRange = Prepare(
            $"""
            SELECT {StateColumns} FROM state
            WHERE namespace = @namespace AND key >= @lower AND key < @upper AND deleted = 0
            ORDER BY key LIMIT @limit
            """,
            "@namespace", "@lower", "@upper", "@limit");
        _listStatePrefixScan = Prepare(
            $"""
            SELECT {StateColumns} FROM state
            WHERE (@namespace IS NULL OR namespace = @namespace) AND substr(key, 1, length(@prefix)) = @prefix AND deleted = 0
            ORDER BY namespace, key LIMIT @limit
            """,
            "@namespace", "@prefix", "@limit");
        _countState = Prepare("SELECT count(*) FROM state WHERE deleted = 0");
    }
}
