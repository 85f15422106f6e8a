using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Acts as an existing peer: for a helper process of the same agent (the CLI's hook), proven by the socket credentials.</summary>
public sealed record AttachRequest : IWireMessage<AttachRequest>
{
    /// <summary>The peer to act for; null picks the peer whose agent process is an ancestor of the caller.</summary>
    public string? PeerId { get; init; }

    /// <summary>Fallback when the ancestry cannot be read: the caller working folder.</summary>
    public string? Cwd { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteString("peerId"u8);
        writer.Write(PeerId);
        writer.WriteString("cwd"u8);
        writer.Write(Cwd);
    }

    /// <inheritdoc />
    public static AttachRequest ReadFrom(ref MessagePackReader reader)
    {
        string? peerId = null;
        string? cwd = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "peerId":
                    peerId = WireReader.ReadNullableString(ref reader);
                    break;
                case "cwd":
                    cwd = WireReader.ReadNullableString(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new AttachRequest
        {
            PeerId = peerId,
            Cwd = cwd,
        };
    }
}
