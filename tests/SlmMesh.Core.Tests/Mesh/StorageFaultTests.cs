using SlmMesh.Core.Tests.Support;
using SQLitePCL;

namespace SlmMesh.Core.Tests.Mesh;

/// <summary>A database that cannot take a write fails the requests of that batch with storage_error, and the broker goes on.</summary>
public sealed class StorageFaultTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_send_into_a_full_database_is_a_storage_error_and_sends_work_again_once_there_is_room()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob");
        await alice.SendAsync("bob", "before", cancellationToken: Ct);
        Assert.Equal("before", (await bob.WaitForMessageAsync(Wait, cancellationToken: Ct))?.Payload);

        // SQLite serializes calls on a connection, so this is safe beside the engine's thread; the limit is per connection.
        sqlite3 db = mesh.Broker.StoreForTesting.ConnectionForTesting.Handle!;
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(db, "PRAGMA max_page_count = 1"));
        MeshException full = await Assert.ThrowsAsync<MeshException>(() => alice.SendAsync("bob", new string('x', 20_000), cancellationToken: Ct));
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(db, "PRAGMA max_page_count = 1073741823"));
        var after = await alice.SendAsync("bob", "after", cancellationToken: Ct);

        Assert.Equal(MeshErrorCode.StorageError, full.Code);
        Assert.Contains("full", full.Message, StringComparison.Ordinal);
        MeshMessage? received = await bob.WaitForMessageAsync(Wait, cancellationToken: Ct);
        Assert.Equal(after.Id, received?.Id);
        Assert.Equal(["before", "after"], (await bob.ReadInboxAsync(unreadOnly: false, cancellationToken: Ct)).Select(m => m.Payload));
    }
}
