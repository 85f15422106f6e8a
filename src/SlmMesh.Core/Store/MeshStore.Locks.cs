namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    /// <summary>Inserts or replaces a lock (keyed by path).</summary>
    public void UpsertLock(LockInfo lockInfo) => throw new NotImplementedException();

    /// <summary>Deletes a lock; false when none was stored for the path.</summary>
    public bool DeleteLock(string path) => throw new NotImplementedException();

    /// <summary>All stored locks (expired ones included: the caller decides).</summary>
    public IReadOnlyList<LockInfo> LoadLocks() => throw new NotImplementedException();

    /// <summary>The next fencing token for a path: one more than any token ever granted on it (1 for a new path).</summary>
    public long NextFencingToken(string path) => throw new NotImplementedException();
}
