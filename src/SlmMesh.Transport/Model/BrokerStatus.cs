using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh;

/// <summary>Broker health and statistics.</summary>
public sealed record BrokerStatus : IWireMessage<BrokerStatus>
{
    /// <summary>Broker version.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Protocol version spoken.</summary>
    public int ProtocolVersion { get; init; }

    /// <summary>Broker process id.</summary>
    public int ProcessId { get; init; }

    /// <summary>When the broker started, Unix epoch milliseconds.</summary>
    public long StartedAt { get; init; }

    /// <summary>Milliseconds since start.</summary>
    public long UptimeMs { get; init; }

    /// <summary>The mesh home folder.</summary>
    public string Home { get; init; } = string.Empty;

    /// <summary>The Unix socket the broker listens on.</summary>
    public string SocketPath { get; init; } = string.Empty;

    /// <summary>The SQLite database file.</summary>
    public string DatabasePath { get; init; } = string.Empty;

    /// <summary>Peers registered and connected.</summary>
    public int PeersActive { get; init; }

    /// <summary>Peers disconnected but within their grace period.</summary>
    public int PeersAway { get; init; }

    /// <summary>Open connections, including ones without a peer.</summary>
    public int Connections { get; init; }

    /// <summary>Message copies stored.</summary>
    public long MessagesTotal { get; init; }

    /// <summary>Message copies not yet acknowledged.</summary>
    public long MessagesUnread { get; init; }

    /// <summary>Locks held now.</summary>
    public int LocksActive { get; init; }

    /// <summary>Events stored.</summary>
    public long EventsTotal { get; init; }

    /// <summary>The id of the newest event.</summary>
    public long LastEventId { get; init; }

    /// <summary>Size of the database file.</summary>
    public long DatabaseBytes { get; init; }

    /// <summary>Size of the write-ahead log.</summary>
    public long WalBytes { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(18);
        writer.WriteString("version"u8);
        writer.Write(Version);
        writer.WriteString("protocolVersion"u8);
        writer.Write(ProtocolVersion);
        writer.WriteString("pid"u8);
        writer.Write(ProcessId);
        writer.WriteString("startedAt"u8);
        writer.Write(StartedAt);
        writer.WriteString("uptimeMs"u8);
        writer.Write(UptimeMs);
        writer.WriteString("home"u8);
        writer.Write(Home);
        writer.WriteString("socketPath"u8);
        writer.Write(SocketPath);
        writer.WriteString("databasePath"u8);
        writer.Write(DatabasePath);
        writer.WriteString("peersActive"u8);
        writer.Write(PeersActive);
        writer.WriteString("peersAway"u8);
        writer.Write(PeersAway);
        writer.WriteString("connections"u8);
        writer.Write(Connections);
        writer.WriteString("messagesTotal"u8);
        writer.Write(MessagesTotal);
        writer.WriteString("messagesUnread"u8);
        writer.Write(MessagesUnread);
        writer.WriteString("locksActive"u8);
        writer.Write(LocksActive);
        writer.WriteString("eventsTotal"u8);
        writer.Write(EventsTotal);
        writer.WriteString("lastEventId"u8);
        writer.Write(LastEventId);
        writer.WriteString("databaseBytes"u8);
        writer.Write(DatabaseBytes);
        writer.WriteString("walBytes"u8);
        writer.Write(WalBytes);
    }

    /// <inheritdoc />
    public static BrokerStatus ReadFrom(ref MessagePackReader reader)
    {
        string version = string.Empty;
        int protocolVersion = 0;
        int processId = 0;
        long startedAt = 0;
        long uptimeMs = 0;
        string home = string.Empty;
        string socketPath = string.Empty;
        string databasePath = string.Empty;
        int peersActive = 0;
        int peersAway = 0;
        int connections = 0;
        long messagesTotal = 0;
        long messagesUnread = 0;
        int locksActive = 0;
        long eventsTotal = 0;
        long lastEventId = 0;
        long databaseBytes = 0;
        long walBytes = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "version":
                    version = WireReader.ReadString(ref reader);
                    break;
                case "protocolVersion":
                    protocolVersion = WireReader.ReadInt32(ref reader);
                    break;
                case "pid":
                    processId = WireReader.ReadInt32(ref reader);
                    break;
                case "startedAt":
                    startedAt = WireReader.ReadInt64(ref reader);
                    break;
                case "uptimeMs":
                    uptimeMs = WireReader.ReadInt64(ref reader);
                    break;
                case "home":
                    home = WireReader.ReadString(ref reader);
                    break;
                case "socketPath":
                    socketPath = WireReader.ReadString(ref reader);
                    break;
                case "databasePath":
                    databasePath = WireReader.ReadString(ref reader);
                    break;
                case "peersActive":
                    peersActive = WireReader.ReadInt32(ref reader);
                    break;
                case "peersAway":
                    peersAway = WireReader.ReadInt32(ref reader);
                    break;
                case "connections":
                    connections = WireReader.ReadInt32(ref reader);
                    break;
                case "messagesTotal":
                    messagesTotal = WireReader.ReadInt64(ref reader);
                    break;
                case "messagesUnread":
                    messagesUnread = WireReader.ReadInt64(ref reader);
                    break;
                case "locksActive":
                    locksActive = WireReader.ReadInt32(ref reader);
                    break;
                case "eventsTotal":
                    eventsTotal = WireReader.ReadInt64(ref reader);
                    break;
                case "lastEventId":
                    lastEventId = WireReader.ReadInt64(ref reader);
                    break;
                case "databaseBytes":
                    databaseBytes = WireReader.ReadInt64(ref reader);
                    break;
                case "walBytes":
                    walBytes = WireReader.ReadInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new BrokerStatus
        {
            Version = version,
            ProtocolVersion = protocolVersion,
            ProcessId = processId,
            StartedAt = startedAt,
            UptimeMs = uptimeMs,
            Home = home,
            SocketPath = socketPath,
            DatabasePath = databasePath,
            PeersActive = peersActive,
            PeersAway = peersAway,
            Connections = connections,
            MessagesTotal = messagesTotal,
            MessagesUnread = messagesUnread,
            LocksActive = locksActive,
            EventsTotal = eventsTotal,
            LastEventId = lastEventId,
            DatabaseBytes = databaseBytes,
            WalBytes = walBytes,
        };
    }
}
