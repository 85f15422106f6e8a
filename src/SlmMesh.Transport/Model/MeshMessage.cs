using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh;

/// <summary>A message from one peer to another (one copy per recipient for a broadcast).</summary>
public sealed record MeshMessage : IWireMessage<MeshMessage>
{
    /// <summary>Unique message id, chosen by the sender; a broadcast has one id for all its copies.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The sender peer id.</summary>
    public string From { get; init; } = string.Empty;

    /// <summary>The sender name at the time of sending.</summary>
    public string FromName { get; init; } = string.Empty;

    /// <summary>The recipient peer id.</summary>
    public string To { get; init; } = string.Empty;

    /// <summary>Whether the message was sent to all peers.</summary>
    public bool Broadcast { get; init; }

    /// <summary>text, json, command or alert.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The content, UTF-8 text.</summary>
    public string Payload { get; init; } = string.Empty;

    /// <summary>The id of the message this one answers.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>When the broker accepted it, Unix epoch milliseconds.</summary>
    public long CreatedAt { get; init; }

    /// <summary>When an unread copy is dropped, Unix epoch milliseconds.</summary>
    public long ExpiresAt { get; init; }

    /// <summary>When the recipient acknowledged it; null while unread.</summary>
    public long? ReadAt { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(11);
        writer.WriteString("id"u8);
        writer.Write(Id);
        writer.WriteString("from"u8);
        writer.Write(From);
        writer.WriteString("fromName"u8);
        writer.Write(FromName);
        writer.WriteString("to"u8);
        writer.Write(To);
        writer.WriteString("broadcast"u8);
        writer.Write(Broadcast);
        writer.WriteString("type"u8);
        writer.Write(Type);
        writer.WriteString("payload"u8);
        writer.Write(Payload);
        writer.WriteString("replyTo"u8);
        writer.Write(ReplyTo);
        writer.WriteString("createdAt"u8);
        writer.Write(CreatedAt);
        writer.WriteString("expiresAt"u8);
        writer.Write(ExpiresAt);
        writer.WriteString("readAt"u8);
        WireWriter.Write(ref writer, ReadAt);
    }

    /// <inheritdoc />
    public static MeshMessage ReadFrom(ref MessagePackReader reader)
    {
        string id = string.Empty;
        string @from = string.Empty;
        string fromName = string.Empty;
        string to = string.Empty;
        bool broadcast = false;
        string type = string.Empty;
        string payload = string.Empty;
        string? replyTo = null;
        long createdAt = 0;
        long expiresAt = 0;
        long? readAt = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "id":
                    id = WireReader.ReadString(ref reader);
                    break;
                case "from":
                    @from = WireReader.ReadString(ref reader);
                    break;
                case "fromName":
                    fromName = WireReader.ReadString(ref reader);
                    break;
                case "to":
                    to = WireReader.ReadString(ref reader);
                    break;
                case "broadcast":
                    broadcast = WireReader.ReadBoolean(ref reader);
                    break;
                case "type":
                    type = WireReader.ReadString(ref reader);
                    break;
                case "payload":
                    payload = WireReader.ReadString(ref reader);
                    break;
                case "replyTo":
                    replyTo = WireReader.ReadNullableString(ref reader);
                    break;
                case "createdAt":
                    createdAt = WireReader.ReadInt64(ref reader);
                    break;
                case "expiresAt":
                    expiresAt = WireReader.ReadInt64(ref reader);
                    break;
                case "readAt":
                    readAt = WireReader.ReadNullableInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new MeshMessage
        {
            Id = id,
            From = @from,
            FromName = fromName,
            To = to,
            Broadcast = broadcast,
            Type = type,
            Payload = payload,
            ReplyTo = replyTo,
            CreatedAt = createdAt,
            ExpiresAt = expiresAt,
            ReadAt = readAt,
        };
    }
}
