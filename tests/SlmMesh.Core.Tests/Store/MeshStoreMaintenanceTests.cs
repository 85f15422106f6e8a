using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SlmMesh.Store;

namespace SlmMesh.Core.Tests.Store;

public sealed class MeshStoreMaintenanceTests : StoreTestBase
{
    [Fact]
    public void Prune_deletes_old_read_copies_expired_copies_and_old_events_and_keeps_the_rest()
    {
        Store.InsertMessage(Message("read-old", "bob") with { ReadAt = 100 });
        Store.InsertMessage(Message("read-new", "bob") with { ReadAt = 200 });
        Store.InsertMessage(Message("expired", "bob", expiresAt: 1_000));
        Store.InsertMessage(Message("expired-read", "bob", expiresAt: 900) with { ReadAt = 150 });
        Store.InsertMessage(Message("live", "bob", expiresAt: 1_001));
        Store.AppendEvent("old", null, "{}", 499);
        Store.AppendEvent("edge", null, "{}", 500);
        Store.AppendEvent("new", null, "{}", 501);

        (long messages, long events) = Store.Prune(now: 1_000, readBefore: 200, eventsBefore: 500);

        Assert.Equal((3L, 1L), (messages, events));
        Assert.Equal(["live", "read-new"], Store.QueryInbox("bob", false, null, 10, now: 0).Select(m => m.Id).Order());
        Assert.Equal(["edge", "new"], Store.ReadEvents(0, 10, null).Select(e => e.Type));
        Assert.Equal(2, Store.CountEvents());
        Assert.Equal((0L, 0L), Store.Prune(now: 1_000, readBefore: 200, eventsBefore: 500));
    }

    [Fact]
    public void Pruning_every_event_keeps_the_newest_so_ids_never_go_back()
    {
        Store.AppendEvent("a", null, "{}", 10);
        Store.AppendEvent("b", null, "{}", 20);
        long newest = Store.AppendEvent("c", null, "{}", 30).Id;

        Assert.Equal((0L, 2L), Store.Prune(now: 0, readBefore: 0, eventsBefore: 1_000));

        Assert.Equal([newest], Store.ReadEvents(0, 10, null).Select(e => e.Id));
        Assert.Equal(1, Store.CountEvents());
        Assert.True(Store.AppendEvent("d", null, "{}", 40).Id > newest);
        Assert.Equal(2, Store.CountEvents());
    }

    [Fact]
    public void A_database_of_schema_1_loses_the_event_time_index_on_open_and_prunes_the_same()
    {
        Store.AppendEvent("old", null, "{}", 10);
        Store.AppendEvent("new", null, "{}", 2_000);
        Execute("CREATE INDEX IF NOT EXISTS events_created_at ON events (created_at)");
        Execute("PRAGMA user_version = 1");
        Reopen();

        Assert.Equal(0L, Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'events_created_at'"));
        Assert.Equal((long)MeshStore.SchemaVersion, Scalar("PRAGMA user_version"));
        Assert.Equal((0L, 1L), Store.Prune(now: 0, readBefore: 0, eventsBefore: 1_000));
        Assert.Equal(["new"], Store.ReadEvents(0, 10, null).Select(e => e.Type));
    }

    [Fact]
    public void The_wal_stays_under_64_MiB_through_a_flood_and_a_truncating_checkpoint_empties_it()
    {
        // 100,000 copies of 1 KiB are well over 100 MiB of pages: without checkpoints the WAL would hold them all.
        var passes = new ConcurrentQueue<WalCheckpointPass>();
        Store.CheckpointerForTesting!.Passed += passes.Enqueue;
        string payload = new('x', 1024);
        long largestWal = 0;
        for (int batch = 0; batch < 1_000; batch++)
        {
            Store.BeginBatch();
            for (int i = 0; i < 100; i++)
            {
                Store.InsertMessage(Message($"m{batch}-{i}", "bob") with { Payload = payload });
            }

            Store.CommitBatch();
            largestWal = Math.Max(largestWal, Store.FileSizes().Wal);
        }

        (long database, long walAtEnd) = Store.FileSizes();
        Store.Checkpoint(truncate: true);

        Assert.True(database > 100L * 1024 * 1024, $"database {database}");
        Assert.True(largestWal < 64L * 1024 * 1024, $"largest WAL {largestWal}");
        Assert.True(walAtEnd is > 0 and < 64L * 1024 * 1024, $"WAL at the end {walAtEnd}");
        Assert.Contains(passes, p => p.CopiedFrames > 0);
        Assert.Equal(0, Store.FileSizes().Wal);
        Assert.Equal(100_000, Store.CountMessages());
    }

    [Fact]
    public void A_passive_checkpoint_copies_the_wal_into_the_database()
    {
        long before = Store.FileSizes().Database;
        for (int i = 0; i < 500; i++)
        {
            Store.InsertMessage(Message($"m{i}", "bob") with { Payload = new string('x', 1024) });
        }

        Store.Checkpoint(truncate: false);

        Assert.True(Store.FileSizes().Database > before + (500 * 1024));
    }

    [Fact]
    public void Compact_gives_freed_pages_back_and_empties_the_wal()
    {
        for (int i = 0; i < 5_000; i++)
        {
            Store.InsertMessage(Message($"m{i}", "bob", expiresAt: 10) with { Payload = new string('x', 1024) });
        }

        Assert.Equal((5_000L, 0L), Store.Prune(now: 10, readBefore: 0, eventsBefore: 0));
        Store.Checkpoint(truncate: true);
        long full = Store.FileSizes().Database;

        Store.Compact();

        (long database, long wal) = Store.FileSizes();
        Assert.True(database < full / 4, $"{database} after VACUUM, {full} before");
        Assert.Equal(0, wal);
    }

    [Fact]
    public void FileSizes_reports_zero_for_a_missing_wal()
    {
        Store.InsertMessage(Message("m1", "bob"));
        Store.Checkpoint(truncate: true);

        (long database, long wal) = Store.FileSizes();

        Assert.Equal(new FileInfo(DatabasePath).Length, database);
        Assert.True(database > 0);
        Assert.Equal(0, wal);
    }

    private void Execute(string sql)
    {
        using SqliteCommand command = Store.ConnectionForTesting.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using SqliteCommand command = Store.ConnectionForTesting.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
