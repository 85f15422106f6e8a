using Microsoft.Extensions.Logging;

namespace SlmMesh;

public sealed partial class MeshClient
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Connected to {Socket} as {PeerId}")]
        public static partial void Connected(ILogger logger, string socket, string peerId);

        [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Disconnected from the broker ({Reason}); reconnecting")]
        public static partial void Disconnected(ILogger logger, string reason);

        [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Reconnect attempt {Attempt} failed: {Reason}")]
        public static partial void ReconnectFailed(ILogger logger, int attempt, string reason);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "The broker sent an error for the connection: {Code} ({Connection})")]
        public static partial void ConnectionError(ILogger logger, string code, string connection);

        [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Ignored a malformed {Push} push: {Reason}")]
        public static partial void BadPush(ILogger logger, string push, string reason);

        [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "A {Kind} handler failed")]
        public static partial void HandlerFailed(ILogger logger, string kind, Exception exception);

        [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Acknowledging {Count} messages failed: {Reason}")]
        public static partial void AckFailed(ILogger logger, int count, string reason);

        [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Fetching the events missed during a reconnect failed: {Reason}")]
        public static partial void ResyncFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 208, Level = LogLevel.Error, Message = "The receive loop failed")]
        public static partial void ReceiveFailed(ILogger logger, Exception exception);
    }
}
