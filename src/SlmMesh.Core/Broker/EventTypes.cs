namespace SlmMesh;

/// <summary>The built-in event types of the event bus. Peers may emit custom types besides these.</summary>
public static class EventTypes
{
    /// <summary>A peer registered.</summary>
    public const string PeerJoined = "peer_joined";

    /// <summary>A peer left; <c>reason</c> says why (left, disconnected, process_exited, broker_restart).</summary>
    public const string PeerLeft = "peer_left";

    /// <summary>A peer changed its summary.</summary>
    public const string PeerUpdated = "peer_updated";

    /// <summary>A message was stored (the payload is not in the event).</summary>
    public const string MessageSent = "message_sent";

    /// <summary>A state key was written.</summary>
    public const string StateChanged = "state_changed";

    /// <summary>A state key was deleted.</summary>
    public const string StateDeleted = "state_deleted";

    /// <summary>A lock was granted.</summary>
    public const string FileLocked = "file_locked";

    /// <summary>A lock was released by its holder, or because its holder left.</summary>
    public const string FileUnlocked = "file_unlocked";

    /// <summary>A lock reached its time to live.</summary>
    public const string LockExpired = "lock_expired";

    /// <summary>Whether <paramref name="type"/> is one of the built-in types.</summary>
    /// <param name="type">An event type.</param>
    /// <returns>True for a built-in type.</returns>
    public static bool IsBuiltIn(string type) => type is PeerJoined or PeerLeft or PeerUpdated or MessageSent
        or StateChanged or StateDeleted or FileLocked or FileUnlocked or LockExpired;
}
