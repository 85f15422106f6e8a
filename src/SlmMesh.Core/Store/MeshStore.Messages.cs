using Microsoft.Data.Sqlite;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private const string MessageColumns =
        "id, sender, sender_name, recipient, broadcast, type, payload, reply_to, created_at, expires_at, read_at";

    private SqliteCommand _insertMessage = null!;
    private SqliteCommand _getMessage = null!;
    private SqliteCommand _getUnread = null!;
    private SqliteCommand _queryInboxAll = null!;
    private SqliteCommand _queryInboxUnread = null!;
    private SqliteCommand _markRead = null!;
    private SqliteCommand _countMessages = null!;
    private SqliteCommand _countUnread = null!;

    /// <summary>Stores one copy; false when a copy with the same (id, recipient) exists (a retried send).</summary>
    public bool InsertMessage(MeshMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        SqliteParameterCollection p = _insertMessage.Parameters;
        p["@id"].Value = message.Id;
        p["@sender"].Value = message.From;
        p["@sender_name"].Value = message.FromName;
        p["@recipient"].Value = message.To;
        p["@broadcast"].Value = message.Broadcast;
        p["@type"].Value = message.Type;
        p["@payload"].Value = message.Payload;
        p["@reply_to"].Value = DbValue(message.ReplyTo);
        p["@created_at"].Value = message.CreatedAt;
        p["@expires_at"].Value = message.ExpiresAt;
        p["@read_at"].Value = DbValue(message.ReadAt);
        return _insertMessage.ExecuteNonQuery() > 0;
    }

    /// <summary>The copy of message <paramref name="id"/> for <paramref name="recipient"/>, or null.</summary>
    public MeshMessage? GetMessage(string id, string recipient)
    {
        _getMessage.Parameters["@id"].Value = id;
        _getMessage.Parameters["@recipient"].Value = recipient;
        using SqliteDataReader reader = _getMessage.ExecuteReader();
        return reader.Read() ? ReadMessage(reader) : null;
    }

    /// <summary>Unread, unexpired copies for a recipient, oldest first.</summary>
    public IReadOnlyList<MeshMessage> GetUnread(string recipient, long now, int limit) => GetUnreadAfter(recipient, 0, now, limit, out _);

    /// <summary>
    /// Unread, unexpired copies for a recipient stored after position <paramref name="afterSeq"/>, oldest first;
    /// <paramref name="lastSeq"/> is the position of the last one returned (or <paramref name="afterSeq"/>), to continue from.
    /// </summary>
    public IReadOnlyList<MeshMessage> GetUnreadAfter(string recipient, long afterSeq, long now, int limit, out long lastSeq)
    {
        lastSeq = afterSeq;
        if (limit <= 0)
        {
            return [];
        }

        _getUnread.Parameters["@recipient"].Value = recipient;
        _getUnread.Parameters["@after"].Value = afterSeq;
        _getUnread.Parameters["@now"].Value = now;
        _getUnread.Parameters["@limit"].Value = limit;
        var messages = new List<MeshMessage>();
        using SqliteDataReader reader = _getUnread.ExecuteReader();
        while (reader.Read())
        {
            messages.Add(ReadMessage(reader));
            lastSeq = reader.GetInt64(11);
        }

        return messages;
    }

    /// <summary>
    /// A recipient's unexpired copies, newest <paramref name="limit"/> returned oldest first; only unread
    /// when <paramref name="unreadOnly"/>; only from sender id <paramref name="from"/> when given.
    /// </summary>
    public IReadOnlyList<MeshMessage> QueryInbox(string recipient, bool unreadOnly, string? from, int limit, long now)
    {
        if (limit <= 0)
        {
            return [];
        }

        // Two statements rather than "@unreadOnly = 0 OR read_at IS NULL": only a literal condition can use the partial index.
        SqliteCommand command = unreadOnly ? _queryInboxUnread : _queryInboxAll;
        command.Parameters["@recipient"].Value = recipient;
        command.Parameters["@from"].Value = DbValue(from);
        command.Parameters["@now"].Value = now;
        command.Parameters["@limit"].Value = limit;
        return ReadMessages(command, newestFirst: true);
    }

    /// <summary>Marks the recipient's unread copies with these ids read at <paramref name="now"/>; returns how many changed.</summary>
    public int MarkRead(string recipient, IReadOnlyList<string> ids, long now)
    {
        ArgumentNullException.ThrowIfNull(ids);

        // Outside a batch, one transaction for the whole list rather than one commit per id.
        bool ownTransaction = ids.Count > 1 && !InTransaction;
        if (ownTransaction)
        {
            _begin.ExecuteNonQuery();
        }

        try
        {
            int changed = 0;
            _markRead.Parameters["@recipient"].Value = recipient;
            _markRead.Parameters["@now"].Value = now;
            foreach (string id in ids)
            {
                _markRead.Parameters["@id"].Value = id;
                changed += _markRead.ExecuteNonQuery();
            }

            if (ownTransaction)
            {
                _commit.ExecuteNonQuery();
            }

            return changed;
        }
        catch
        {
            if (ownTransaction)
            {
                RollbackBatch();
            }

            throw;
        }
    }

    /// <summary>All stored copies.</summary>
    public long CountMessages() => (long)_countMessages.ExecuteScalar()!;

    /// <summary>Unread, unexpired copies.</summary>
    public long CountUnread(long now)
    {
        _countUnread.Parameters["@now"].Value = now;
        return (long)_countUnread.ExecuteScalar()!;
    }

    private static List<MeshMessage> ReadMessages(SqliteCommand command, bool newestFirst)
    {
        var messages = new List<MeshMessage>();
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                messages.Add(ReadMessage(reader));
            }
        }

        if (newestFirst)
        {
            messages.Reverse();
        }

        return messages;
    }

    private static MeshMessage ReadMessage(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        From = reader.GetString(1),
        FromName = reader.GetString(2),
        To = reader.GetString(3),
        Broadcast = reader.GetBoolean(4),
        Type = reader.GetString(5),
        Payload = reader.GetString(6),
        ReplyTo = GetNullableString(reader, 7),
        CreatedAt = reader.GetInt64(8),
        ExpiresAt = reader.GetInt64(9),
        ReadAt = reader.IsDBNull(10) ? null : reader.GetInt64(10),
    };

    private void PrepareMessageStatements()
    {
        // Unread lookups name their index: without statistics SQLite rates (recipient, seq) and the partial
        // unread index alike and may walk every read copy kept for retention.
        _insertMessage = Prepare(
            $"""
            INSERT INTO messages ({MessageColumns})
            VALUES (@id, @sender, @sender_name, @recipient, @broadcast, @type, @payload, @reply_to, @created_at, @expires_at, @read_at)
            ON CONFLICT (id, recipient) DO NOTHING
            """,
            "@id", "@sender", "@sender_name", "@recipient", "@broadcast", "@type", "@payload", "@reply_to",
            "@created_at", "@expires_at", "@read_at");
        _getMessage = Prepare(
            $"SELECT {MessageColumns} FROM messages WHERE id = @id AND recipient = @recipient", "@id", "@recipient");
        _getUnread = Prepare(
            $"""
            SELECT {MessageColumns}, seq FROM messages INDEXED BY messages_unread
            WHERE recipient = @recipient AND read_at IS NULL AND seq > @after AND expires_at > @now
            ORDER BY seq LIMIT @limit
            """,
            "@recipient", "@after", "@now", "@limit");
        _queryInboxAll = Prepare(
            $"""
            SELECT {MessageColumns} FROM messages
            WHERE recipient = @recipient AND expires_at > @now AND (@from IS NULL OR sender = @from)
            ORDER BY seq DESC LIMIT @limit
            """,
            "@recipient", "@from", "@now", "@limit");
        _queryInboxUnread = Prepare(
            $"""
            SELECT {MessageColumns} FROM messages INDEXED BY messages_unread
            WHERE recipient = @recipient AND read_at IS NULL AND expires_at > @now AND (@from IS NULL OR sender = @from)
            ORDER BY seq DESC LIMIT @limit
            """,
            "@recipient", "@from", "@now", "@limit");
        _markRead = Prepare(
            "UPDATE messages SET read_at = @now WHERE id = @id AND recipient = @recipient AND read_at IS NULL",
            "@id", "@recipient", "@now");
        _countMessages = Prepare("SELECT count(*) FROM messages");
        _countUnread = Prepare(
            "SELECT count(*) FROM messages INDEXED BY messages_unread WHERE read_at IS NULL AND expires_at > @now", "@now");
    }
}
