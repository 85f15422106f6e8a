using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Acknowledges messages: they are then read and never redelivered.</summary>
public sealed record AckRequest : IWireMessage<AckRequest>
{
    /// <summary>The message ids.</summary>
    public IReadOnlyList<string> Ids { get; init; } = [];

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString("ids"u8);
        WireWriter.Write(ref writer, Ids);
    }

    /// <inheritdoc />
    public static AckRequest ReadFrom(ref MessagePackReader reader)
    {
        IReadOnlyList<string>? ids = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "ids":
                    ids = WireReader.ReadStringList(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new AckRequest
        {
            Ids = ids ?? [],
        };
    }
}
