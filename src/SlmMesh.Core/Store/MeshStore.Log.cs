using Microsoft.Extensions.Logging;

namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The database {Path} is corrupt or not a database; moved it (with its -wal and -shm) to {MovedTo} and created a fresh one")]
    private static partial void LogMovedAside(ILogger logger, Exception exception, string path, string movedTo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated {Path} to schema version {Version}")]
    private static partial void LogMigrated(ILogger logger, string path, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database {Path} could not switch to WAL (journal mode {Mode}); it works, but slower and with readers blocking the writer")]
    private static partial void LogNoWal(ILogger logger, string path, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the database {Path} did not finish cleanly")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The WAL of {Path} holds up to {WalBytes} bytes without starting over; checkpointed it on the writer's thread in {Milliseconds:F1} ms")]
    private static partial void LogBackstopCheckpoint(ILogger logger, string path, long walBytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the WAL of {Path} on the writer's thread failed; writes go on and it is tried again after more writes")]
    private static partial void LogBackstopFailed(ILogger logger, Exception exception, string path);
}
