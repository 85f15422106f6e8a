namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private const string StateColumns = "namespace, key, value, version, updated_by, updated_at";

    private SqliteStatement _getState = null!;
    private SqliteStatement _putState = null!;
    private SqliteStatement _listState = null!;
    private SqliteStatement _listStateNamespace = null!;
    private SqliteStatement _listStateRange = null!;
    private SqliteStatement _listStatePrefixScan = null!;
    private SqliteStatement _countState = null!;

    /// <summary>
    /// A key's row, tombstones included: (entry, deleted). Null when the key was never written.
    /// A deleted key keeps its version so versions never go back (no ABA on compare-and-swap).
    /// </summary>
    public (StateEntry Entry, bool Deleted)? GetState(string @namespace, string key)
    {
        SqliteStatement s = _getState;
        s.Bind(1, @namespace);
        s.Bind(2, key);
        try
        {
            return s.Step() ? (ReadStateEntry(s, previous: null), s.GetBoolean(6)) : null;
        }
        finally
        {
            s.Reset();
        }
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

        // Parameters come in this order in every variant: namespace, then lower/upper or prefix, then limit.
        SqliteStatement s;
        int next = 1;
        string? upper = string.IsNullOrEmpty(prefix) ? null : PrefixUpperBound(prefix);
        if (string.IsNullOrEmpty(prefix))
        {
            s = @namespace is null ? _listState : _listStateNamespace;
            if (@namespace is not null)
            {
                s.Bind(next++, @namespace);
            }
        }
        else if (@namespace is not null && upper is not null)
        {
            s = _listStateRange;
            s.Bind(next++, @namespace);
            s.Bind(next++, prefix);
            s.Bind(next++, upper);
        }
        else
        {
            s = _listStatePrefixScan;
            s.Bind(next++, @namespace);
            s.Bind(next++, prefix);
        }

        s.Bind(next, limit);
        var entries = new List<StateEntry>(Math.Min(limit, 64));
        StateEntry? previous = null;
        while (s.Step())
        {
            previous = ReadStateEntry(s, previous);
            entries.Add(previous);
        }

        return entries;
    }

    /// <summary>Live keys.</summary>
    public long CountState() => _countState.ExecuteInt64();

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
        SqliteStatement s = _putState;
        s.Bind(1, @namespace);
        s.Bind(2, key);
        s.Bind(3, value);
        s.Bind(4, version);
        s.Bind(5, updatedBy);
        s.Bind(6, updatedAt);
        s.Bind(7, deleted);
        s.Execute();
    }

    /// <summary>Reads the current row; a namespace or writer equal to the previous row's is shared, not allocated again.</summary>
    private static StateEntry ReadStateEntry(SqliteStatement s, StateEntry? previous) => new()
    {
        Namespace = s.GetString(0, previous?.Namespace),
        Key = s.GetString(1),
        Value = s.GetString(2),
        Version = s.GetInt64(3),
        UpdatedBy = s.GetString(4, previous?.UpdatedBy),
        UpdatedAt = s.GetInt64(5),
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
