using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Reads one key.</summary>
public sealed record StateGetRequest : IWireMessage<StateGetRequest>
{
    /// <summary>The namespace; empty means <c>default</c>.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The key.</summary>
    public string Key { get; init; } = string.Empty;

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteString("namespace"u8);
        writer.Write(Namespace);
        writer.WriteString("key"u8);
        writer.Write(Key);
    }

    /// <inheritdoc />
    public static StateGetRequest ReadFrom(ref MessagePackReader reader)
    {
        string @namespace = string.Empty;
        string key = string.Empty;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "namespace":
                    @namespace = WireReader.ReadString(ref reader);
                    break;
                case "key":
                    key = WireReader.ReadString(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new StateGetRequest
        {
            Namespace = @namespace,
            Key = key,
        };
    }
}
