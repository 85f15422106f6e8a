using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Messages, oldest first.</summary>
public sealed record MessageListResponse : IWireMessage<MessageListResponse>
{
    /// <summary>The messages.</summary>
    public IReadOnlyList<MeshMessage> Messages { get; init; } = [];

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString("messages"u8);
        WireWriter.WriteList(ref writer, Messages);
    }

    /// <inheritdoc />
    public static MessageListResponse ReadFrom(ref MessagePackReader reader)
    {
        IReadOnlyList<MeshMessage>? messages = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "messages":
                    messages = WireReader.ReadList<MeshMessage>(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new MessageListResponse
        {
            Messages = messages ?? [],
        };
    }
}
