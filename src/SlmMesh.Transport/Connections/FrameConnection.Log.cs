using Microsoft.Extensions.Logging;

namespace SlmMesh.Transport.Connections;

public sealed partial class FrameConnection
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Bad input from {Connection}: {Code}: {Detail}")]
        public static partial void BadInput(ILogger logger, string connection, string code, string detail);

        [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Connection {Connection} closed: {Reason}")]
        public static partial void Closed(ILogger logger, string connection, string reason);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Unexpected failure on {Connection}")]
        public static partial void Unexpected(ILogger logger, string connection, Exception exception);
    }
}
