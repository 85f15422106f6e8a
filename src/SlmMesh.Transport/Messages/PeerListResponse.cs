using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Peers in the requested scope.</summary>
public sealed record PeerListResponse : IWireMessage<PeerListResponse>
{
    /// <summary>The peers.</summary>
    public IReadOnlyList<PeerInfo> Peers { get; init; } = [];

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString("peers"u8);
        WireWriter.WriteList(ref writer, Peers);
    }

    /// <inheritdoc />
    public static PeerListResponse ReadFrom(ref MessagePackReader reader)
    {
        IReadOnlyList<PeerInfo>? peers = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "peers":
                    peers = WireReader.ReadList<PeerInfo>(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new PeerListResponse
        {
            Peers = peers ?? [],
        };
    }
}
