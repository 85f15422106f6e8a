using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>The broker's answer to a valid hello.</summary>
public sealed record WelcomeBody : IWireMessage<WelcomeBody>
{
    /// <summary>The protocol version the broker will speak on this connection.</summary>
    public int ProtocolVersion { get; init; }

    /// <summary>The broker program and version.</summary>
    public string Broker { get; init; } = string.Empty;

    /// <summary>The broker's process id.</summary>
    public int BrokerProcessId { get; init; }

    /// <summary>A number unique to this connection for the life of the broker; for logs.</summary>
    public long ConnectionId { get; init; }

    /// <summary>The largest frame body, in bytes, the broker accepts.</summary>
    public int MaxFrameSize { get; init; }

    /// <summary>The broker's clock, Unix epoch milliseconds.</summary>
    public long ServerTime { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(6);
        writer.WriteString("protocolVersion"u8);
        writer.Write(ProtocolVersion);
        writer.WriteString("broker"u8);
        writer.Write(Broker);
        writer.WriteString("brokerPid"u8);
        writer.Write(BrokerProcessId);
        writer.WriteString("connectionId"u8);
        writer.Write(ConnectionId);
        writer.WriteString("maxFrameSize"u8);
        writer.Write(MaxFrameSize);
        writer.WriteString("serverTime"u8);
        writer.Write(ServerTime);
    }

    /// <inheritdoc />
    public static WelcomeBody ReadFrom(ref MessagePackReader reader)
    {
        int protocolVersion = 0;
        string broker = string.Empty;
        int brokerProcessId = 0;
        long connectionId = 0;
        int maxFrameSize = 0;
        long serverTime = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "protocolVersion":
                    protocolVersion = WireReader.ReadInt32(ref reader);
                    break;
                case "broker":
                    broker = WireReader.ReadString(ref reader);
                    break;
                case "brokerPid":
                    brokerProcessId = WireReader.ReadInt32(ref reader);
                    break;
                case "connectionId":
                    connectionId = WireReader.ReadInt64(ref reader);
                    break;
                case "maxFrameSize":
                    maxFrameSize = WireReader.ReadInt32(ref reader);
                    break;
                case "serverTime":
                    serverTime = WireReader.ReadInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new WelcomeBody
        {
            ProtocolVersion = protocolVersion,
            Broker = broker,
            BrokerProcessId = brokerProcessId,
            ConnectionId = connectionId,
            MaxFrameSize = maxFrameSize,
            ServerTime = serverTime,
        };
    }
}
