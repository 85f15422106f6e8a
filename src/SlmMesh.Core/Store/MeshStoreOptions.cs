using Microsoft.Data.Sqlite;

namespace SlmMesh.Store;

/// <summary>How a <see cref="MeshStore"/> keeps its WAL in check. The defaults are what the broker uses.</summary>
internal sealed record MeshStoreOptions
{
    /// <summary>The broker's settings.</summary>
    public static MeshStoreOptions Default { get; } = new();

    /// <summary>Whether a background thread checkpoints the WAL (off: only the backstops on the writer's thread do).</summary>
    public bool BackgroundCheckpoints { get; init; } = true;

    /// <summary>WAL growth (pages written since the last nudge, in bytes) that wakes the checkpointer.</summary>
    public long CheckpointThresholdBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>How often the checkpointer also runs unasked, so a WAL left by a burst is copied while the writer is idle.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A log this large (frames written since SQLite last started it over) is checkpointed on the writer's thread
    /// before its next batch, after the background checkpoint in progress: bounds the WAL when commits come too close
    /// together for a background checkpoint to finish between two, or the checkpointer is not running. Checked every
    /// <see cref="CheckpointThresholdBytes"/> of pages written, so the WAL stays below about this plus that plus one
    /// transaction.
    /// </summary>
    public long WalHardLimitBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>
    /// SQLite's own checkpoint after a commit that leaves the WAL at least this many pages (~48 MiB at 4 KiB
    /// pages): a last resort past <see cref="WalHardLimitBytes"/>, skipped by SQLite while another checkpoint runs.
    /// </summary>
    public int AutoCheckpointPages { get; init; } = 12_000;

    /// <summary>
    /// The size SQLite cuts the WAL file back to when it starts the log over. As large as the hard limit: cutting
    /// it shorter makes a writer that fills it again extend the file, which costs more than overwriting it.
    /// The broker's maintenance truncates it to zero every few minutes.
    /// </summary>
    public long JournalSizeLimitBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Opens the checkpointer's connection to the database file (tests substitute one that fails).</summary>
    public Func<string, SqliteConnection> OpenCheckpointerConnection { get; init; } =
        static path => new SqliteConnection(MeshStore.ConnectionString(path, SqliteOpenMode.ReadWrite));
}
