namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    /// <summary>
    /// Deletes read copies read before <paramref name="readBefore"/>, copies expired before <paramref name="now"/>,
    /// and events created before <paramref name="eventsBefore"/>. Runs in its own transaction; returns counts.
    /// </summary>
    public (long Messages, long Events) Prune(long now, long readBefore, long eventsBefore) => throw new NotImplementedException();

    /// <summary>Checkpoints the WAL; with <paramref name="truncate"/>, truncates it to zero bytes.</summary>
    public void Checkpoint(bool truncate) => throw new NotImplementedException();

    /// <summary>Rebuilds the database file to reclaim free pages (VACUUM).</summary>
    public void Compact() => throw new NotImplementedException();

    /// <summary>Sizes of the database file and its WAL, in bytes.</summary>
    public (long Database, long Wal) FileSizes() => throw new NotImplementedException();
}
