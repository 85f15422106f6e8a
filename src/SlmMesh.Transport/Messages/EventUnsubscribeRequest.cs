using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Removes event subscriptions.</summary>
public sealed record EventUnsubscribeRequest : IWireMessage<EventUnsubscribeRequest>
{
    /// <summary>Type patterns to remove; empty removes all.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString("types"u8);
        WireWriter.Write(ref writer, Types);
    }

    /// <inheritdoc />
    public static EventUnsubscribeRequest ReadFrom(ref MessagePackReader reader)
    {
        IReadOnlyList<string>? types = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "types":
                    types = WireReader.ReadStringList(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new EventUnsubscribeRequest
        {
            Types = types ?? [],
        };
    }
}
