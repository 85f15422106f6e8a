using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Reads events after an id.</summary>
public sealed record EventReadRequest : IWireMessage<EventReadRequest>
{
    /// <summary>Only events with a larger id.</summary>
    public long AfterId { get; init; }

    /// <summary>Type patterns (<c>file_*</c>); empty means all.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>At most this many (1-1000; 0 means 100).</summary>
    public int Limit { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(3);
        writer.WriteString("afterId"u8);
        writer.Write(AfterId);
        writer.WriteString("types"u8);
        WireWriter.Write(ref writer, Types);
        writer.WriteString("limit"u8);
        writer.Write(Limit);
    }

    /// <inheritdoc />
    public static EventReadRequest ReadFrom(ref MessagePackReader reader)
    {
        long afterId = 0;
        IReadOnlyList<string>? types = null;
        int limit = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "afterId":
                    afterId = WireReader.ReadInt64(ref reader);
                    break;
                case "types":
                    types = WireReader.ReadStringList(ref reader);
                    break;
                case "limit":
                    limit = WireReader.ReadInt32(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new EventReadRequest
        {
            AfterId = afterId,
            Types = types ?? [],
            Limit = limit,
        };
    }
}
