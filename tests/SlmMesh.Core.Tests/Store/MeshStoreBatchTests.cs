using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SlmMesh.Store;

namespace SlmMesh.Core.Tests.Store;

public sealed class MeshStoreBatchTests : StoreTestBase
{
    [Fact]
    public void A_committed_batch_is_visible_to_another_connection()
    {
        Store.BeginBatch();
        Store.InsertMessage(Message("m1", "bob"));
        Store.AppendEvent("message_sent", "alice", "{}", 1);
        Assert.Equal(0, CountFromOutside("messages"));

        Store.CommitBatch();

        Assert.Equal(1, CountFromOutside("messages"));
        Assert.Equal(1, CountFromOutside("events"));
    }

    [Fact]
    public void A_rolled_back_batch_leaves_nothing_behind()
    {
        Store.InsertMessage(Message("before", "bob"));
        Store.BeginBatch();
        Store.InsertMessage(Message("m1", "bob"));
        Store.PutState(Entry("default", "k", "v", 1));
        Store.UpsertPeer(Peer("p", 1), ephemeral: false);
        Assert.Equal(2, Store.CountMessages());

        Store.AppendEvent("rolled-back", null, "{}", 2);
        Store.RollbackBatch();

        Assert.Equal(0, Store.CountEvents());
        Assert.Equal(1, Store.AppendEvent("after", null, "{}", 3).Id);
        Assert.Equal(1, Store.CountEvents());
        Assert.Equal(1, Store.CountMessages());
        Assert.Null(Store.GetState("default", "k"));
        Assert.Empty(Store.LoadPeers());
        Assert.Equal(1, CountFromOutside("messages"));
    }

    [Fact]
    public void Batches_cannot_nest_and_commit_needs_an_open_batch()
    {
        Store.RollbackBatch();
        Assert.Throws<InvalidOperationException>(Store.CommitBatch);
        Store.BeginBatch();
        Assert.Throws<InvalidOperationException>(Store.BeginBatch);
        Assert.Throws<InvalidOperationException>(() => Store.Prune(0, 0, 0));
        Assert.Throws<InvalidOperationException>(() => Store.Checkpoint(truncate: true));
        Assert.Throws<InvalidOperationException>(Store.Compact);
        Store.CommitBatch();
        Assert.False(Store.InTransaction);
    }

    [Fact]
    public void Dispose_rolls_back_an_open_batch_closes_the_file_and_can_be_repeated()
    {
        Store.InsertMessage(Message("kept", "bob"));
        Store.BeginBatch();
        Store.InsertMessage(Message("dropped", "bob"));

        Store.Dispose();
        Store.Dispose();

        // A clean close of the last connection checkpoints and removes the WAL: proof the file is really closed.
        Assert.False(File.Exists(DatabasePath + "-wal"));
        Reopen();
        Assert.Equal(1, Store.CountMessages());
        Assert.NotNull(Store.GetMessage("kept", "bob"));
    }

    [Fact]
    public void Reads_that_stop_before_the_last_row_hold_no_snapshot_afterwards()
    {
        // Without the background checkpointer, whose own checkpoints would make the one from outside report busy.
        using MeshStore store = MeshStore.Open(Folder.File("reads.db"), NullLogger.Instance, MeshStoreOptions.Default with { BackgroundCheckpoints = false });
        for (int i = 0; i < 5; i++)
        {
            store.InsertMessage(Message($"m{i}", "bob"));
            store.AppendEvent("custom", "p", "{}", i);
        }

        store.PutState(Entry("default", "k", "v", 1));
        store.UpsertPeer(Peer("p", 1), ephemeral: false);

        Assert.NotNull(store.GetMessage("m1", "bob"));
        Assert.Equal(2, store.QueryInbox("bob", unreadOnly: true, null, 2, now: 0).Count);
        Assert.Equal(2, store.GetUnread("bob", now: 0, limit: 2).Count);
        Assert.Equal(2, store.ReadEvents(0, 2, null).Count);
        Assert.Single(store.ReadEvents(0, 1, type => type == "custom"));
        Assert.NotNull(store.GetState("default", "k"));
        Assert.Single(store.LoadPeers());

        // A snapshot left open on the store's connection would keep this checkpoint from finishing (busy = 1).
        using var outside = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Folder.File("reads.db"), Pooling = false }.ToString());
        outside.Open();
        using SqliteCommand checkpoint = outside.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        Assert.Equal(0L, checkpoint.ExecuteScalar());
        Assert.Equal(0, store.FileSizes().Wal);
    }

    private long CountFromOutside(string table)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
