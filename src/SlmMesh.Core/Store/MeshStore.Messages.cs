namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    private const string MessageColumns =
        "id, sender, sender_name, recipient, broadcast, type, payload, reply_to, created_at, expires_at, read_at";

    private SqliteStatement _insertMessage = null!;
    private SqliteStatement _getMessage = null!;
    private SqliteStatement _getUnread = null!;
    private SqliteStatement _queryInboxAll = null!;
    private SqliteStatement _queryInboxUnread = null!;
    private SqliteStatement _markRead = null!;
    private SqliteStatement _countMessages = null!;
    private SqliteStatement _countUnread = null!;

    /// <summary>Stores one copy; false when a copy with the same (id, recipient) exists (a retried send).</summary>
    public bool InsertMessage(MeshMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        SqliteStatement s = _insertMessage;
        s.Bind(1, message.Id);
        s.Bind(2, message.From);
        s.Bind(3, message.FromName);
        s.Bind(4, message.To);
        s.Bind(5, message.Broadcast);
        s.Bind(6, message.Type);
        s.Bind(7, message.Payload);
        s.Bind(8, message.ReplyTo);
        s.Bind(9, message.CreatedAt);
        s.Bind(10, message.ExpiresAt);
        s.Bind(11, message.ReadAt);
        return s.Execute() > 0;
    }

    /// <summary>The copy of message <paramref name="id"/> for <paramref name="recipient"/>, or null.</summary>
    public MeshMessage? GetMessage(string id, string recipient)
    {
        SqliteStatement s = _getMessage;
        s.Bind(1, id);
        s.Bind(2, recipient);
        try
        {
            return s.Step() ? ReadMessage(s, previous: null) : null;
        }
        finally
        {
            s.Reset();
        }
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

        SqliteStatement s = _getUnread;
        s.Bind(1, recipient);
        s.Bind(2, afterSeq);
        s.Bind(3, now);
        s.Bind(4, limit);
        var messages = new List<MeshMessage>(Math.Min(limit, 64));
        MeshMessage? previous = null;
        while (s.Step())
        {
            previous = ReadMessage(s, previous);
            messages.Add(previous);
            lastSeq = s.GetInt64(11);
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
        SqliteStatement s = unreadOnly ? _queryInboxUnread : _queryInboxAll;
        s.Bind(1, recipient);
        s.Bind(2, now);
        s.Bind(3, from);
        s.Bind(4, limit);
        return ReadMessages(s, limit, newestFirst: true);
    }

    /// <summary>
    /// Marks the recipient's unread copies with these ids read at <paramref name="now"/>; returns how many changed.
    /// Inside a batch these are deferrable writes (see <see cref="EndBatch"/>).
    /// </summary>
    public int MarkRead(string recipient, IReadOnlyList<string> ids, long now)
    {
        ArgumentNullException.ThrowIfNull(ids);

        // Outside a batch, one transaction for the whole list rather than one commit per id.
        bool ownTransaction = ids.Count > 1 && !InTransaction;
        if (ownTransaction)
        {
            _begin.Execute();
        }

        try
        {
            int changed = 0;
            SqliteStatement s = _markRead;
            s.Bind(1, now);
            s.Bind(3, recipient);
            foreach (string id in ids)
            {
                s.Bind(2, id);
                changed += s.Execute();
            }

            if (ownTransaction)
            {
                Commit();
            }
            else if (InTransaction)
            {
                _batchDeferrableChanges += changed;
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
    public long CountMessages() => _countMessages.ExecuteInt64();

    /// <summary>Unread, unexpired copies.</summary>
    public long CountUnread(long now)
    {
        _countUnread.Bind(1, now);
        return _countUnread.ExecuteInt64();
    }

    private static List<MeshMessage> ReadMessages(SqliteStatement statement, int limit, bool newestFirst)
    {
        var messages = new List<MeshMessage>(Math.Min(limit, 64));
        MeshMessage? previous = null;
        while (statement.Step())
        {
            previous = ReadMessage(statement, previous);
            messages.Add(previous);
        }

        if (newestFirst)
        {
            messages.Reverse();
        }

        return messages;
    }

    /// <summary>Reads the current row; strings equal to the previous row's are shared rather than allocated again.</summary>
    private static MeshMessage ReadMessage(SqliteStatement s, MeshMessage? previous) => new()
    {
        Id = s.GetString(0),
        From = s.GetString(1, previous?.From),
        FromName = s.GetString(2, previous?.FromName),
        To = s.GetString(3, previous?.To),
        Broadcast = s.GetBoolean(4),
        Type = s.GetString(5, previous?.Type),
        Payload = s.GetString(6),
        ReplyTo = s.GetNullableString(7),
        CreatedAt = s.GetInt64(8),
        ExpiresAt = s.GetInt64(9),
        ReadAt = s.GetNullableInt64(10),
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
            "@recipient", "@now", "@from", "@limit");
        _queryInboxUnread = Prepare(
            $"""
            SELECT {MessageColumns} FROM messages INDEXED BY messages_unread
            WHERE recipient = @recipient AND read_at IS NULL AND expires_at > @now AND (@from IS NULL OR sender = @from)
            ORDER BY seq DESC LIMIT @limit
            """,
            "@recipient", "@now", "@from", "@limit");
        _markRead = Prepare(
            "UPDATE messages SET read_at = @now WHERE id = @id AND recipient = @recipient AND read_at IS NULL",
            "@now", "@id", "@recipient");
        _countMessages = Prepare("SELECT count(*) FROM messages");
        _countUnread = Prepare(
            "SELECT count(*) FROM messages INDEXED BY messages_unread WHERE read_at IS NULL AND expires_at > @now", "@now");
    }
}
