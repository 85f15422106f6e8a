using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Sends a direct message or a broadcast.</summary>
public sealed record SendRequest : IWireMessage<SendRequest>
{
    /// <summary>A unique id chosen by the sender: a retry with the same id is not stored twice.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>A peer id, a peer name, or <c>all</c>.</summary>
    public string To { get; init; } = string.Empty;

    /// <summary>text, json, command or alert.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The content.</summary>
    public string Payload { get; init; } = string.Empty;

    /// <summary>The id of the message this one answers.</summary>
    public string? ReplyTo { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(5);
        writer.WriteString("id"u8);
        writer.Write(Id);
        writer.WriteString("to"u8);
        writer.Write(To);
        writer.WriteString("type"u8);
        writer.Write(Type);
        writer.WriteString("payload"u8);
        writer.Write(Payload);
        writer.WriteString("replyTo"u8);
        writer.Write(ReplyTo);
    }

    /// <inheritdoc />
    public static SendRequest ReadFrom(ref MessagePackReader reader)
    {
        string id = string.Empty;
        string to = string.Empty;
        string type = string.Empty;
        string payload = string.Empty;
        string? replyTo = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "id":
                    id = WireReader.ReadString(ref reader);
                    break;
                case "to":
                    to = WireReader.ReadString(ref reader);
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
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new SendRequest
        {
            Id = id,
            To = to,
            Type = type,
            Payload = payload,
            ReplyTo = replyTo,
        };
    }
}
