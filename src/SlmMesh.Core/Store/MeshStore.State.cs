namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    /// <summary>
    /// A key's row, tombstones included: (entry, deleted). Null when the key was never written.
    /// A deleted key keeps its version so versions never go back (no ABA on compare-and-swap).
    /// </summary>
    public (StateEntry Entry, bool Deleted)? GetState(string @namespace, string key) => throw new NotImplementedException();

    /// <summary>Writes a live value (insert or replace).</summary>
    public void PutState(StateEntry entry) => throw new NotImplementedException();

    /// <summary>Turns a key into a tombstone with the given version.</summary>
    public void DeleteState(string @namespace, string key, long version, string deletedBy, long deletedAt) => throw new NotImplementedException();

    /// <summary>Live keys, optionally of one namespace and with a key prefix, ordered by namespace then key.</summary>
    public IReadOnlyList<StateEntry> ListState(string? @namespace, string? prefix, int limit) => throw new NotImplementedException();

    /// <summary>Live keys.</summary>
    public long CountState() => throw new NotImplementedException();
}
