using Microsoft.Data.Sqlite;
using SlmMesh.Core.Tests.Support;
using SQLitePCL;

namespace SlmMesh.Core.Tests.Mesh;

/// <summary>
/// A write that fails rolls its whole batch back: every request in it gets storage_error, the broker's memory
/// follows the database again, and redeliveries dropped with the batch are pushed again.
/// </summary>
public sealed class FailedBatchTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lock_granted_in_a_batch_whose_write_fails_is_not_held_afterwards()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient bob = await mesh.ConnectAsync("bob");

        // The grant is made in memory first; its row, with a reason too long for the pages left, cannot be written.
        await ExecuteOnEngineAsync(mesh, "PRAGMA max_page_count = 1");
        MeshException full = await Assert.ThrowsAsync<MeshException>(() => alice.AcquireLockAsync("shared.txt", new string('r', 20_000), cancellationToken: Ct));
        await ExecuteOnEngineAsync(mesh, "PRAGMA max_page_count = 1073741823");

        Assert.Equal(MeshErrorCode.StorageError, full.Code);
        Assert.Empty(await bob.QueryLocksAsync(cancellationToken: Ct));
        LockInfo taken = await bob.AcquireLockAsync("shared.txt", cancellationToken: Ct);
        Assert.Equal(bob.PeerId, taken.HolderId);
    }

    [Fact]
    public async Task An_acknowledgement_rolled_back_with_its_batch_is_made_good_as_the_unread_messages_are_pushed_again()
    {
        await using MeshFixture mesh = await MeshFixture.StartAsync();
        MeshClient alice = await mesh.ConnectAsync("alice");
        MeshClient away = await mesh.ConnectAsync("bob", o => o with { Reconnect = false });
        string bobId = away.PeerId;
        away.AbortConnectionForTesting();
        await Eventually.TrueAsync(() => mesh.Broker.ConnectionCount == 1, because: "bob's connection closes");
        foreach (string text in (string[])["one", "two", "three"])
        {
            await alice.SendAsync(bobId, text, cancellationToken: Ct);
        }

        // Bob comes back to a backlog; the acknowledgement of "one" fails, and its batch is rolled back.
        var fault = new AcknowledgementFault();
        await mesh.Broker.InvokeOnEngineForTestingAsync(store => fault.Install(store.ConnectionForTesting));
        MeshClient bob = await mesh.ConnectAsync("bob", o => o with { PeerId = bobId });
        Assert.Equal("one", (await bob.WaitForMessageAsync(Wait, cancellationToken: Ct))?.Payload);
        await fault.Failed.WaitAsync(Wait, Ct);
        fault.Stop();

        Assert.Equal("two", (await bob.WaitForMessageAsync(Wait, cancellationToken: Ct))?.Payload);
        Assert.Equal("three", (await bob.WaitForMessageAsync(Wait, cancellationToken: Ct))?.Payload);
        await Eventually.TrueAsync(async () => (await alice.GetStatusAsync(Ct)).MessagesUnread == 0, because: "bob's acknowledgements go through in the end");
    }

    private static Task ExecuteOnEngineAsync(MeshFixture mesh, string sql) =>
        mesh.Broker.InvokeOnEngineForTestingAsync(store => Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(store.ConnectionForTesting.Handle!, sql)));

    /// <summary>Makes marking a message read fail with a disk I/O error (SQLITE_IOERR) until stopped.</summary>
    private sealed class AcknowledgementFault
    {
        private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _on = true;

        public Task Failed => _failed.Task;

        public void Install(SqliteConnection connection)
        {
            connection.CreateFunction("test_ack_fault", () =>
            {
                if (!_on)
                {
                    return 0;
                }

                _failed.TrySetResult();
                throw new SqliteException("disk I/O error (injected by the test)", 10);
            });
            Assert.Equal(raw.SQLITE_OK, raw.sqlite3_exec(
                connection.Handle!,
                "CREATE TEMP TRIGGER test_ack_fault AFTER UPDATE OF read_at ON main.messages BEGIN SELECT test_ack_fault(); END"));
        }

        public void Stop() => _on = false;
    }
}
