namespace SlmMesh.Core.Tests.Store;

public sealed class MeshStoreLockTests : StoreTestBase
{
    private static LockInfo Lock(string path, long token, string holder = "peer-1") => new()
    {
        Path = path,
        IsGlob = path.Contains('*', StringComparison.Ordinal),
        HolderId = holder,
        HolderName = holder + "-name",
        Reason = "editing",
        FencingToken = token,
        AcquiredAt = 1_000,
        ExpiresAt = 601_000,
    };

    [Fact]
    public void Locks_round_trip_and_upsert_replaces_by_path()
    {
        LockInfo glob = Lock("/src/auth/**", 1) with { Reason = null };
        Store.UpsertLock(Lock("/src/a.cs", 1));
        Store.UpsertLock(glob);
        LockInfo renewed = Lock("/src/a.cs", 1) with { ExpiresAt = 900_000, HolderId = "peer-2" };
        Store.UpsertLock(renewed);

        Assert.Equal([renewed, glob], Store.LoadLocks());
    }

    [Fact]
    public void DeleteLock_reports_whether_a_lock_was_stored()
    {
        Store.UpsertLock(Lock("/src/a.cs", 1));

        Assert.True(Store.DeleteLock("/src/a.cs"));
        Assert.False(Store.DeleteLock("/src/a.cs"));
        Assert.Empty(Store.LoadLocks());
    }

    [Fact]
    public void Fencing_tokens_rise_per_path_and_survive_unlock_and_reopen()
    {
        Assert.Equal(1, Store.NextFencingToken("/a"));
        Assert.Equal(2, Store.NextFencingToken("/a"));
        Assert.Equal(1, Store.NextFencingToken("/b"));
        Store.UpsertLock(Lock("/a", 3));
        Assert.True(Store.DeleteLock("/a"));
        Assert.Equal(4, Store.NextFencingToken("/a"));

        Reopen();

        Assert.Equal(5, Store.NextFencingToken("/a"));
        Assert.Equal(2, Store.NextFencingToken("/b"));
    }

    [Fact]
    public void A_token_granted_through_upsert_is_never_handed_out_again()
    {
        Store.UpsertLock(Lock("/a", 41));

        Assert.Equal(42, Store.NextFencingToken("/a"));
    }
}
