using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Reads the calling peer's messages.</summary>
public sealed record InboxRequest : IWireMessage<InboxRequest>
{
    /// <summary>unread or all.</summary>
    public string Filter { get; init; } = string.Empty;

    /// <summary>Only messages from this peer id or name.</summary>
    public string? From { get; init; }

    /// <summary>At most this many (1-100; 0 means 20).</summary>
    public int Limit { get; init; }

    /// <summary>Whether to mark the unread ones returned as read.</summary>
    public bool Acknowledge { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(4);
        writer.WriteString("filter"u8);
        writer.Write(Filter);
        writer.WriteString("from"u8);
        writer.Write(From);
        writer.WriteString("limit"u8);
        writer.Write(Limit);
        writer.WriteString("acknowledge"u8);
        writer.Write(Acknowledge);
    }

    /// <inheritdoc />
    public static InboxRequest ReadFrom(ref MessagePackReader reader)
    {
        string filter = string.Empty;
        string? @from = null;
        int limit = 0;
        bool acknowledge = false;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "filter":
                    filter = WireReader.ReadString(ref reader);
                    break;
                case "from":
                    @from = WireReader.ReadNullableString(ref reader);
                    break;
                case "limit":
                    limit = WireReader.ReadInt32(ref reader);
                    break;
                case "acknowledge":
                    acknowledge = WireReader.ReadBoolean(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new InboxRequest
        {
            Filter = filter,
            From = @from,
            Limit = limit,
            Acknowledge = acknowledge,
        };
    }
}
