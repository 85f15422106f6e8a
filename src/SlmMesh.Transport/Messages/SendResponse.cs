using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>A stored message.</summary>
public sealed record SendResponse : IWireMessage<SendResponse>
{
    /// <summary>The message id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The peer ids it was stored for.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>When it was stored, Unix epoch milliseconds.</summary>
    public long CreatedAt { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(3);
        writer.WriteString("id"u8);
        writer.Write(Id);
        writer.WriteString("recipients"u8);
        WireWriter.Write(ref writer, Recipients);
        writer.WriteString("createdAt"u8);
        writer.Write(CreatedAt);
    }

    /// <inheritdoc />
    public static SendResponse ReadFrom(ref MessagePackReader reader)
    {
        string id = string.Empty;
        IReadOnlyList<string>? recipients = null;
        long createdAt = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "id":
                    id = WireReader.ReadString(ref reader);
                    break;
                case "recipients":
                    recipients = WireReader.ReadStringList(ref reader);
                    break;
                case "createdAt":
                    createdAt = WireReader.ReadInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new SendResponse
        {
            Id = id,
            Recipients = recipients ?? [],
            CreatedAt = createdAt,
        };
    }
}
