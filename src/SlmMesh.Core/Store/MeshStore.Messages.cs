namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    /// <summary>Stores one copy; false when a copy with the same (id, recipient) exists (a retried send).</summary>
    public bool InsertMessage(MeshMessage message) => throw new NotImplementedException();

    /// <summary>The copy of message <paramref name="id"/> for <paramref name="recipient"/>, or null.</summary>
    public MeshMessage? GetMessage(string id, string recipient) => throw new NotImplementedException();

    /// <summary>Unread, unexpired copies for a recipient, oldest first.</summary>
    public IReadOnlyList<MeshMessage> GetUnread(string recipient, long now, int limit) => throw new NotImplementedException();

    /// <summary>
    /// A recipient's unexpired copies, newest <paramref name="limit"/> returned oldest first; only unread
    /// when <paramref name="unreadOnly"/>; only from sender id <paramref name="from"/> when given.
    /// </summary>
    public IReadOnlyList<MeshMessage> QueryInbox(string recipient, bool unreadOnly, string? from, int limit, long now) => throw new NotImplementedException();

    /// <summary>Marks the recipient's unread copies with these ids read at <paramref name="now"/>; returns how many changed.</summary>
    public int MarkRead(string recipient, IReadOnlyList<string> ids, long now) => throw new NotImplementedException();

    /// <summary>All stored copies.</summary>
    public long CountMessages() => throw new NotImplementedException();

    /// <summary>Unread, unexpired copies.</summary>
    public long CountUnread(long now) => throw new NotImplementedException();
}
