using Microsoft.Data.Sqlite;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    // Rows read per query while a filter is applied: bounds memory whatever the table holds.
    private const int EventPageSize = 512;

    private SqliteCommand _appendEvent = null!;
    private SqliteCommand _readEvents = null!;
    private SqliteCommand _lastEventId = null!;
    private SqliteCommand _countEvents = null!;

    /// <summary>Appends an event; returns it with its id (strictly greater than any id ever returned, even after pruning).</summary>
    public MeshEvent AppendEvent(string type, string? peerId, string data, long createdAt)
    {
        SqliteParameterCollection p = _appendEvent.Parameters;
        p["@type"].Value = type;
        p["@peer_id"].Value = DbValue(peerId);
        p["@data"].Value = data;
        p["@created_at"].Value = createdAt;
        long id = (long)_appendEvent.ExecuteScalar()!;
        return new MeshEvent { Id = id, Type = type, PeerId = peerId, Data = data, CreatedAt = createdAt };
    }

    /// <summary>Events with id greater than <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>, only those whose type <paramref name="filter"/> accepts (null: all).</summary>
    public IReadOnlyList<MeshEvent> ReadEvents(long afterId, int limit, Func<string, bool>? filter)
    {
        var events = new List<MeshEvent>();
        if (limit <= 0)
        {
            return events;
        }

        int pageSize = filter is null ? limit : EventPageSize;
        long cursor = afterId;
        while (true)
        {
            _readEvents.Parameters["@after"].Value = cursor;
            _readEvents.Parameters["@limit"].Value = pageSize;
            int read = 0;
            using (SqliteDataReader reader = _readEvents.ExecuteReader())
            {
                while (reader.Read())
                {
                    read++;
                    cursor = reader.GetInt64(0);
                    string type = reader.GetString(1);
                    if (filter is not null && !filter(type))
                    {
                        continue;
                    }

                    events.Add(new MeshEvent
                    {
                        Id = cursor,
                        Type = type,
                        PeerId = GetNullableString(reader, 2),
                        Data = reader.GetString(3),
                        CreatedAt = reader.GetInt64(4),
                    });
                    if (events.Count == limit)
                    {
                        return events;
                    }
                }
            }

            if (read < pageSize)
            {
                return events;
            }
        }
    }

    /// <summary>The newest event id (0 when none was ever appended).</summary>
    public long LastEventId() => (long)_lastEventId.ExecuteScalar()!;

    /// <summary>Stored events.</summary>
    public long CountEvents() => (long)_countEvents.ExecuteScalar()!;

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
        _countEvents = Prepare("SELECT count(*) FROM events");
    }
}
