namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    // Rows read per query while a filter is applied: bounds memory whatever the table holds.
    private const int EventPageSize = 512;

    private SqliteStatement _appendEvent = null!;
    private SqliteStatement _readEvents = null!;
    private SqliteStatement _lastEventId = null!;
    private SqliteStatement _countEvents = null!;

    /// <summary>Appends an event; returns it with its id (strictly greater than any id ever returned, even after pruning).</summary>
    public MeshEvent AppendEvent(string type, string? peerId, string data, long createdAt)
    {
        SqliteStatement s = _appendEvent;
        s.Bind(1, type);
        s.Bind(2, peerId);
        s.Bind(3, data);
        s.Bind(4, createdAt);
        long id = s.ExecuteInt64();
        return new MeshEvent { Id = id, Type = type, PeerId = peerId, Data = data, CreatedAt = createdAt };
    }

    /// <summary>Events with id greater than <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>, only those whose type <paramref name="filter"/> accepts (null: all).</summary>
    public IReadOnlyList<MeshEvent> ReadEvents(long afterId, int limit, Func<string, bool>? filter)
    {
        var events = new List<MeshEvent>(Math.Min(Math.Max(limit, 0), 64));
        if (limit <= 0)
        {
            return events;
        }

        SqliteStatement s = _readEvents;
        int pageSize = filter is null ? limit : EventPageSize;
        long cursor = afterId;
        string? lastType = null;
        string? lastPeer = null;
        while (true)
        {
            s.Bind(1, cursor);
            s.Bind(2, pageSize);
            int read = 0;
            try
            {
                while (s.Step())
                {
                    read++;
                    cursor = s.GetInt64(0);
                    string type = s.GetString(1, lastType);
                    lastType = type;
                    if (filter is not null && !filter(type))
                    {
                        continue;
                    }

                    string? peerId = s.GetNullableString(2, lastPeer);
                    lastPeer = peerId ?? lastPeer;
                    events.Add(new MeshEvent
                    {
                        Id = cursor,
                        Type = type,
                        PeerId = peerId,
                        Data = s.GetString(3),
                        CreatedAt = s.GetInt64(4),
                    });
                    if (events.Count == limit)
                    {
                        return events;
                    }
                }
            }
            finally
            {
                s.Reset();
            }

            if (read < pageSize)
            {
                return events;
            }
        }
    }

    /// <summary>The newest event id (0 when none was ever appended).</summary>
    public long LastEventId() => _lastEventId.ExecuteInt64();

    /// <summary>Stored events.</summary>
    public long CountEvents() => _countEvents.ExecuteInt64();

    private void PrepareEventStatements()
    {
        _appendEvent = Prepare(
            "INSERT INTO events (type, peer_id, data, created_at) VALUES (@type, @peer_id, @data, @created_at) RETURNING id",
            "@type", "@peer_id", "@data", "@created_at");
        _readEvents = Prepare(
            "SELECT id, type, peer_id, data, created_at FROM events WHERE id > @after ORDER BY id LIMIT @limit",
            "@after", "@limit");

        // Pruning always keeps the newest event, so the largest id is never lost.
        _lastEventId = Prepare("SELECT coalesce(max(id), 0) FROM events");
        // Only pruning deletes events, and always the oldest ones: the ids left are contiguous, so two seeks count them.
        _countEvents = Prepare("SELECT coalesce((SELECT max(id) FROM events) - (SELECT min(id) FROM events) + 1, 0)");
    }
}
