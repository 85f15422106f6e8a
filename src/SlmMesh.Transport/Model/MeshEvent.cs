using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh;

/// <summary>An entry of the event bus.</summary>
public sealed record MeshEvent : IWireMessage<MeshEvent>
{
    /// <summary>Monotonically increasing id.</summary>
    public long Id { get; init; }

    /// <summary>peer_joined, peer_left, peer_updated, message_sent, state_changed, state_deleted, file_locked, file_unlocked, lock_expired, or a custom type.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The peer the event is about or that caused it.</summary>
    public string? PeerId { get; init; }

    /// <summary>Details as a JSON object.</summary>
    public string Data { get; init; } = string.Empty;

    /// <summary>When it happened, Unix epoch milliseconds.</summary>
    public long CreatedAt { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(5);
        writer.WriteString("id"u8);
        writer.Write(Id);
        writer.WriteString("type"u8);
        writer.Write(Type);
        writer.WriteString("peerId"u8);
        writer.Write(PeerId);
        writer.WriteString("data"u8);
        writer.Write(Data);
        writer.WriteString("createdAt"u8);
        writer.Write(CreatedAt);
    }

    /// <inheritdoc />
    public static MeshEvent ReadFrom(ref MessagePackReader reader)
    {
        long id = 0;
        string type = string.Empty;
        string? peerId = null;
        string data = string.Empty;
        long createdAt = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "id":
                    id = WireReader.ReadInt64(ref reader);
                    break;
                case "type":
                    type = WireReader.ReadString(ref reader);
                    break;
                case "peerId":
                    peerId = WireReader.ReadNullableString(ref reader);
                    break;
                case "data":
                    data = WireReader.ReadString(ref reader);
                    break;
                case "createdAt":
                    createdAt = WireReader.ReadInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new MeshEvent
        {
            Id = id,
            Type = type,
            PeerId = peerId,
            Data = data,
            CreatedAt = createdAt,
        };
    }
}
