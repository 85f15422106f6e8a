using Microsoft.Extensions.Logging;

namespace SlmMesh.Broker;

internal sealed partial class BrokerEngine
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Critical, Message = "The broker engine failed")]
        public static partial void EngineFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Request {Operation} from {Session} failed")]
        public static partial void RequestFailed(ILogger logger, string operation, BrokerSession session, Exception exception);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Disconnecting {Session}: it stopped reading and its queue is full")]
        public static partial void SlowConsumer(ILogger logger, BrokerSession session);

        [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Storage fault (SQLite error {Code}): {Detail}; the batch was rolled back")]
        public static partial void StorageFault(ILogger logger, int code, string detail);

        [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Peer {Name} ({Id}, {AgentType}) registered; resumed: {Resumed}")]
        public static partial void PeerRegistered(ILogger logger, string name, string id, string agentType, bool resumed);

        [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Peer {Name} ({Id}) left: {Reason}")]
        public static partial void PeerLeft(ILogger logger, string name, string id, string reason);

        [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Shutdown requested by {Session}")]
        public static partial void ShutdownRequested(ILogger logger, BrokerSession session);

        [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "No connections for {Seconds} s: shutting down")]
        public static partial void IdleShutdown(ILogger logger, long seconds);

        [LoggerMessage(EventId = 108, Level = LogLevel.Debug, Message = "Maintenance pruned {Messages} messages and {Events} events")]
        public static partial void Maintenance(ILogger logger, long messages, long events);
    }
}
