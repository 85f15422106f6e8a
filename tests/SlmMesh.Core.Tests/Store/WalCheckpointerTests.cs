using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SlmMesh.Store;
using SQLitePCL;

namespace SlmMesh.Core.Tests.Store;

/// <summary>The background WAL checkpointer and the writer-side backstop.</summary>
public sealed class WalCheckpointerTests : StoreTestBase
{
    private static readonly TimeSpan PassTimeout = TimeSpan.FromSeconds(30);

    // Every commit wakes the checkpointer, nothing else does, and neither backstop runs: what happens is its doing.
    private static readonly MeshStoreOptions OnlyTheCheckpointer = new()
    {
        CheckpointThresholdBytes = 1,
        CheckpointInterval = TimeSpan.FromHours(1),
        WalHardLimitBytes = long.MaxValue,
        AutoCheckpointPages = 1_000_000,
    };

    [Fact]
    public void Checkpoints_run_off_the_writers_thread_and_keep_the_wal_small_when_the_writer_pauses()
    {
        using var passes = new BlockingCollection<WalCheckpointPass>();
        using MeshStore store = MeshStore.Open(DatabasePath, new RecordingLogger(), OnlyTheCheckpointer);
        store.CheckpointerForTesting!.Passed += passes.Add;
        long largestWal = 0;
        for (int batch = 0; batch < 40; batch++)
        {
            WriteBatch(store, batch, rows: 100);

            // The pause: nothing is written until the checkpoint this commit asked for is done.
            WalCheckpointPass pass = TakePass(passes);
            Assert.NotEqual(Environment.CurrentManagedThreadId, pass.ThreadId);
            Assert.Equal(raw.SQLITE_OK, pass.ResultCode);
            Assert.True(pass.CopiedFrames > 0 && pass.CopiedFrames == pass.LogFrames, $"{pass}");
            largestWal = Math.Max(largestWal, store.FileSizes().Wal);
        }

        // 4,000 copies of 1 KiB are over 4 MiB of pages, all copied into the database by the checkpointer, while
        // SQLite started the log over at every batch: the WAL file never held much more than one batch.
        (long database, _) = store.FileSizes();
        Assert.True(database > 4L * 1024 * 1024, $"database {database}");
        Assert.True(largestWal < 1024 * 1024, $"largest WAL {largestWal}");
        Assert.Equal(0, store.BackstopCheckpoints);
    }

    [Fact]
    public void The_backstop_stays_idle_while_the_log_keeps_starting_over()
    {
        // Far more than the hard limit is written in all, but the log starts over after every batch.
        var options = OnlyTheCheckpointer with { CheckpointThresholdBytes = 256 * 1024, WalHardLimitBytes = 2L * 1024 * 1024 };
        using var passes = new BlockingCollection<WalCheckpointPass>();
        using MeshStore store = MeshStore.Open(DatabasePath, new RecordingLogger(), options);
        store.CheckpointerForTesting!.Passed += passes.Add;
        for (int batch = 0; batch < 30; batch++)
        {
            WriteBatch(store, batch, rows: 300);
            TakePass(passes);
        }

        Assert.True(store.FileSizes().Database > 9L * 1024 * 1024);
        Assert.True(store.FileSizes().Wal < 1024 * 1024, $"WAL {store.FileSizes().Wal}");
        Assert.Equal(0, store.BackstopCheckpoints);
    }

    [Fact]
    public void Without_the_checkpointer_the_backstop_bounds_the_wal_of_a_writer_that_never_pauses()
    {
        var options = new MeshStoreOptions
        {
            BackgroundCheckpoints = false,
            CheckpointThresholdBytes = 1024 * 1024,
            WalHardLimitBytes = 4L * 1024 * 1024,
            AutoCheckpointPages = 1_000_000,
        };
        using MeshStore store = MeshStore.Open(DatabasePath, new RecordingLogger(), options);
        long largestWal = 0;
        for (int batch = 0; batch < 200; batch++)
        {
            WriteBatch(store, batch, rows: 100);
            largestWal = Math.Max(largestWal, store.FileSizes().Wal);
        }

        // About 20 MiB written; the WAL stays under the limit plus a check interval plus a batch.
        Assert.Null(store.CheckpointerForTesting);
        Assert.True(store.FileSizes().Database > 20L * 1024 * 1024);
        Assert.True(store.BackstopCheckpoints >= 3, $"{store.BackstopCheckpoints} backstop checkpoints");
        Assert.True(largestWal < 6L * 1024 * 1024, $"largest WAL {largestWal}");
    }

    [Fact]
    public void A_failing_checkpoint_is_logged_once_and_writes_go_on()
    {
        // Through a read-only connection, writing pages into the database file fails like a failing disk: SQLITE_IOERR_WRITE.
        var options = OnlyTheCheckpointer with
        {
            OpenCheckpointerConnection = path => new SqliteConnection(MeshStore.ConnectionString(path, SqliteOpenMode.ReadOnly)),
        };
        var logger = new RecordingLogger();
        using var passes = new BlockingCollection<WalCheckpointPass>();
        using MeshStore store = MeshStore.Open(DatabasePath, logger, options);
        store.CheckpointerForTesting!.Passed += passes.Add;

        for (int batch = 0; batch < 3; batch++)
        {
            WriteBatch(store, batch, rows: 10);
            WalCheckpointPass pass = TakePass(passes);
            Assert.Equal(raw.SQLITE_IOERR_WRITE, pass.Error?.SqliteExtendedErrorCode);
        }

        (LogLevel level, string message, Exception? exception) = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("checkpoint", message, StringComparison.Ordinal);
        Assert.Equal(raw.SQLITE_IOERR, Assert.IsType<SqliteException>(exception).SqliteErrorCode);
        Assert.True(store.CheckpointerForTesting.IsRunning);
        Assert.Equal(30, store.CountMessages());
        Assert.True(store.InsertMessage(Message("after", "bob")));
    }

    [Fact]
    public void A_checkpointer_that_cannot_open_its_connection_is_logged_and_the_store_works_without_it()
    {
        var options = MeshStoreOptions.Default with
        {
            OpenCheckpointerConnection = _ => new SqliteConnection(MeshStore.ConnectionString(Folder.File("missing/mesh.db"), SqliteOpenMode.ReadWrite)),
        };
        var logger = new RecordingLogger();

        using MeshStore store = MeshStore.Open(DatabasePath, logger, options);
        WriteBatch(store, 0, rows: 10);

        Assert.Null(store.CheckpointerForTesting);
        (_, _, Exception? exception) = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(raw.SQLITE_CANTOPEN, Assert.IsType<SqliteException>(exception).SqliteErrorCode);
        Assert.Equal(10, store.CountMessages());
    }

    [Fact]
    public void Dispose_stops_the_checkpointer_thread()
    {
        using var passes = new BlockingCollection<WalCheckpointPass>();
        MeshStore store = MeshStore.Open(DatabasePath, new RecordingLogger(), OnlyTheCheckpointer);
        WalCheckpointer checkpointer = store.CheckpointerForTesting!;
        checkpointer.Passed += passes.Add;
        WriteBatch(store, 0, rows: 10);
        TakePass(passes);
        Assert.True(checkpointer.IsRunning);

        store.Dispose();

        Assert.False(checkpointer.IsRunning);
        Assert.False(File.Exists(DatabasePath + "-wal"));
    }

    private static void WriteBatch(MeshStore store, int batch, int rows)
    {
        string payload = new('x', 1024);
        store.BeginBatch();
        for (int i = 0; i < rows; i++)
        {
            store.InsertMessage(Message($"m{batch}-{i}", "bob") with { Payload = payload });
        }

        store.CommitBatch();
    }

    private static WalCheckpointPass TakePass(BlockingCollection<WalCheckpointPass> passes) =>
        passes.TryTake(out WalCheckpointPass pass, (int)PassTimeout.TotalMilliseconds, TestContext.Current.CancellationToken)
            ? pass
            : throw new TimeoutException($"No checkpoint within {PassTimeout}.");
}
