using Microsoft.Extensions.Logging;

namespace SlmMesh.Transport.Connections;

public sealed partial class FrameListener
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Accept failed ({Error}); still listening")]
        public static partial void AcceptFailed(ILogger logger, string error, Exception exception);

        [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Refused {Connection}: {Code}: {Reason}")]
        public static partial void Refused(ILogger logger, string connection, string code, string reason);

        [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "The handler of {Connection} failed")]
        public static partial void HandlerFailed(ILogger logger, string connection, Exception exception);

        [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Could not remove the socket file {Path}: {Reason}")]
        public static partial void SocketNotRemoved(ILogger logger, string path, string reason);
    }
}
