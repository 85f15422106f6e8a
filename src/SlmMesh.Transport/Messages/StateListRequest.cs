using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Lists keys.</summary>
public sealed record StateListRequest : IWireMessage<StateListRequest>
{
    /// <summary>One namespace, or null for all.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only keys starting with this.</summary>
    public string? Prefix { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteString("namespace"u8);
        writer.Write(Namespace);
        writer.WriteString("prefix"u8);
        writer.Write(Prefix);
    }

    /// <inheritdoc />
    public static StateListRequest ReadFrom(ref MessagePackReader reader)
    {
        string? @namespace = null;
        string? prefix = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "namespace":
                    @namespace = WireReader.ReadNullableString(ref reader);
                    break;
                case "prefix":
                    prefix = WireReader.ReadNullableString(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new StateListRequest
        {
            Namespace = @namespace,
            Prefix = prefix,
        };
    }
}
