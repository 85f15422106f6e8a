using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>The outcome of an acknowledgement.</summary>
public sealed record AckResponse : IWireMessage<AckResponse>
{
    /// <summary>How many unread copies became read.</summary>
    public int Acknowledged { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString("acknowledged"u8);
        writer.Write(Acknowledged);
    }

    /// <inheritdoc />
    public static AckResponse ReadFrom(ref MessagePackReader reader)
    {
        int acknowledged = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "acknowledged":
                    acknowledged = WireReader.ReadInt32(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new AckResponse
        {
            Acknowledged = acknowledged,
        };
    }
}
