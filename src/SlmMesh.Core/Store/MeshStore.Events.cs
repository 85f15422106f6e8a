namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    /// <summary>Appends an event; returns it with its id (strictly greater than any id ever returned, even after pruning).</summary>
    public MeshEvent AppendEvent(string type, string? peerId, string data, long createdAt) => throw new NotImplementedException();

    /// <summary>Events with id greater than <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>, only those whose type <paramref name="filter"/> accepts (null: all).</summary>
    public IReadOnlyList<MeshEvent> ReadEvents(long afterId, int limit, Func<string, bool>? filter) => throw new NotImplementedException();

    /// <summary>The newest event id (0 when none was ever appended).</summary>
    public long LastEventId() => throw new NotImplementedException();

    /// <summary>Stored events.</summary>
    public long CountEvents() => throw new NotImplementedException();
}
