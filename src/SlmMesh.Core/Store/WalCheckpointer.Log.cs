using Microsoft.Extensions.Logging;

namespace SlmMesh.Store;

internal sealed partial class WalCheckpointer
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open a second connection to {Path} for background WAL checkpoints; SQLite's own checkpoints on the broker's thread keep the WAL bounded, with pauses")]
    private static partial void LogCouldNotStart(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background WAL checkpoint of {Path} failed ({Failures} in a row); writes go on, and the WAL grows until a checkpoint works")]
    private static partial void LogFailed(ILogger logger, Exception exception, string path, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background WAL checkpoints of {Path} work again after {Failures} failures")]
    private static partial void LogRecovered(ILogger logger, string path, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The WAL checkpointer of {Path} did not stop within {Seconds} s; left to end with the process")]
    private static partial void LogStopTimedOut(ILogger logger, string path, long seconds);
}
