using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Emits a custom event.</summary>
public sealed record EventEmitRequest : IWireMessage<EventEmitRequest>
{
    /// <summary>The event type (not one of the built-in types).</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>A JSON object with the details.</summary>
    public string? Data { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteString("type"u8);
        writer.Write(Type);
        writer.WriteString("data"u8);
        writer.Write(Data);
    }

    /// <inheritdoc />
    public static EventEmitRequest ReadFrom(ref MessagePackReader reader)
    {
        string type = string.Empty;
        string? data = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "type":
                    type = WireReader.ReadString(ref reader);
                    break;
                case "data":
                    data = WireReader.ReadNullableString(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new EventEmitRequest
        {
            Type = type,
            Data = data,
        };
    }
}
