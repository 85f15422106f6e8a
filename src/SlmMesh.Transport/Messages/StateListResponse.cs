using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Keys, ordered by namespace and key.</summary>
public sealed record StateListResponse : IWireMessage<StateListResponse>
{
    /// <summary>The entries.</summary>
    public IReadOnlyList<StateEntry> Entries { get; init; } = [];

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString("entries"u8);
        WireWriter.WriteList(ref writer, Entries);
    }

    /// <inheritdoc />
    public static StateListResponse ReadFrom(ref MessagePackReader reader)
    {
        IReadOnlyList<StateEntry>? entries = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "entries":
                    entries = WireReader.ReadList<StateEntry>(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new StateListResponse
        {
            Entries = entries ?? [],
        };
    }
}
