using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Events, oldest first.</summary>
public sealed record EventListResponse : IWireMessage<EventListResponse>
{
    /// <summary>The events.</summary>
    public IReadOnlyList<MeshEvent> Events { get; init; } = [];

    /// <summary>The id of the newest event in the broker, for the next read.</summary>
    public long LastId { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteString("events"u8);
        WireWriter.WriteList(ref writer, Events);
        writer.WriteString("lastId"u8);
        writer.Write(LastId);
    }

    /// <inheritdoc />
    public static EventListResponse ReadFrom(ref MessagePackReader reader)
    {
        IReadOnlyList<MeshEvent>? events = null;
        long lastId = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "events":
                    events = WireReader.ReadList<MeshEvent>(ref reader);
                    break;
                case "lastId":
                    lastId = WireReader.ReadInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new EventListResponse
        {
            Events = events ?? [],
            LastId = lastId,
        };
    }
}
