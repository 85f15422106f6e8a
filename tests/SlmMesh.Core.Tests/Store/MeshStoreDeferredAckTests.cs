using Microsoft.Data.Sqlite;

namespace SlmMesh.Core.Tests.Store;

/// <summary>A batch of acknowledgements alone waits for the next commit; nothing else ever waits.</summary>
public sealed class MeshStoreDeferredAckTests : StoreTestBase
{
    [Fact]
    public void An_acknowledgement_only_batch_stays_open_until_a_durable_batch_commits_both()
    {
        Store.InsertMessage(Message("m1", "bob"));

        Store.BeginBatch();
        Assert.Equal(1, Store.MarkRead("bob", ["m1"], now: 5));
        Assert.False(Store.EndBatch(force: false));
        Assert.True(Store.HasDeferredChanges);
        Assert.Equal(0, ReadFromOutside());

        Store.BeginBatch();
        Store.InsertMessage(Message("m2", "bob"));
        Assert.True(Store.EndBatch(force: false));

        Assert.False(Store.HasDeferredChanges);
        Assert.False(Store.InTransaction);
        Assert.Equal(1, ReadFromOutside());
        Assert.Equal(2, CountFromOutside("messages"));
    }

    [Fact]
    public void Empty_batches_keep_acknowledgements_waiting_and_a_forced_end_commits_them()
    {
        Store.InsertMessage(Message("m1", "bob"));
        Store.BeginBatch();
        Store.MarkRead("bob", ["m1"], now: 5);
        Store.EndBatch(force: false);

        Store.BeginBatch();
        Assert.False(Store.EndBatch(force: false));
        Assert.Equal(0, ReadFromOutside());

        Store.BeginBatch();
        Assert.True(Store.EndBatch(force: true));
        Assert.Equal(1, ReadFromOutside());
    }

    [Fact]
    public void A_batch_with_nothing_waiting_commits_even_when_it_wrote_nothing()
    {
        Store.BeginBatch();
        Assert.True(Store.EndBatch(force: false));
        Assert.False(Store.InTransaction);

        // Acknowledging what is already read changes nothing, so it does not wait either.
        Store.InsertMessage(Message("m1", "bob"));
        Store.MarkRead("bob", ["m1"], now: 5);
        Store.BeginBatch();
        Assert.Equal(0, Store.MarkRead("bob", ["m1"], now: 6));
        Assert.True(Store.EndBatch(force: false));
    }

    [Fact]
    public void A_rollback_drops_waiting_acknowledgements_so_the_message_is_unread_again()
    {
        Store.InsertMessage(Message("m1", "bob"));
        Store.BeginBatch();
        Store.MarkRead("bob", ["m1"], now: 5);
        Store.EndBatch(force: false);

        Store.BeginBatch();
        Store.InsertMessage(Message("m2", "bob"));
        Store.RollbackBatch();

        Assert.False(Store.HasDeferredChanges);
        Assert.Equal(["m1"], Store.GetUnread("bob", now: 0, limit: 10).Select(m => m.Id));
    }

    [Fact]
    public void Maintenance_and_dispose_commit_waiting_acknowledgements_instead_of_failing_or_dropping_them()
    {
        Store.InsertMessage(Message("m1", "bob"));
        Store.InsertMessage(Message("m2", "bob"));
        Store.BeginBatch();
        Store.MarkRead("bob", ["m1"], now: 5);
        Store.EndBatch(force: false);

        Store.Checkpoint(truncate: false);
        Assert.False(Store.InTransaction);
        Assert.Equal(1, ReadFromOutside());

        Store.BeginBatch();
        Store.MarkRead("bob", ["m2"], now: 6);
        Store.EndBatch(force: false);
        Reopen();

        Assert.Equal(2, ReadFromOutside());
    }

    private long ReadFromOutside() => Scalar("SELECT count(*) FROM messages WHERE read_at IS NOT NULL");

    private long CountFromOutside(string table) => Scalar($"SELECT count(*) FROM {table}");

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
