using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>The first frame a client sends: protocol version, broker token and who is calling.</summary>
public sealed record HelloBody : IWireMessage<HelloBody>
{
    /// <summary>The protocol version the client speaks.</summary>
    public int ProtocolVersion { get; init; }

    /// <summary>The broker token read from <c>broker.token</c> (64 hex characters).</summary>
    public string Token { get; init; } = string.Empty;

    /// <summary>The client program and version, e.g. <c>slm-mesh-cli/0.1.0</c>; for logs only.</summary>
    public string Client { get; init; } = string.Empty;

    /// <summary>The client process id as the client sees it; the broker trusts the socket credentials instead where it has them.</summary>
    public int ProcessId { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(4);
        writer.WriteString("protocolVersion"u8);
        writer.Write(ProtocolVersion);
        writer.WriteString("token"u8);
        writer.Write(Token);
        writer.WriteString("client"u8);
        writer.Write(Client);
        writer.WriteString("pid"u8);
        writer.Write(ProcessId);
    }

    /// <inheritdoc />
    public static HelloBody ReadFrom(ref MessagePackReader reader)
    {
        int protocolVersion = 0;
        string token = string.Empty;
        string client = string.Empty;
        int processId = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "protocolVersion":
                    protocolVersion = WireReader.ReadInt32(ref reader);
                    break;
                case "token":
                    token = WireReader.ReadString(ref reader);
                    break;
                case "client":
                    client = WireReader.ReadString(ref reader);
                    break;
                case "pid":
                    processId = WireReader.ReadInt32(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new HelloBody
        {
            ProtocolVersion = protocolVersion,
            Token = token,
            Client = client,
            ProcessId = processId,
        };
    }
}
