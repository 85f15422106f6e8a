using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>The peer the connection now acts as.</summary>
public sealed record RegisterResponse : IWireMessage<RegisterResponse>
{
    /// <summary>The peer.</summary>
    public PeerInfo Peer { get; init; } = new();

    /// <summary>Whether an existing peer was resumed rather than a new one created.</summary>
    public bool Resumed { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteString("peer"u8);
        Peer.WriteTo(ref writer);
        writer.WriteString("resumed"u8);
        writer.Write(Resumed);
    }

    /// <inheritdoc />
    public static RegisterResponse ReadFrom(ref MessagePackReader reader)
    {
        PeerInfo? peer = null;
        bool resumed = false;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "peer":
                    peer = PeerInfo.ReadFrom(ref reader);
                    break;
                case "resumed":
                    resumed = WireReader.ReadBoolean(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new RegisterResponse
        {
            Peer = peer ?? new(),
            Resumed = resumed,
        };
    }
}
