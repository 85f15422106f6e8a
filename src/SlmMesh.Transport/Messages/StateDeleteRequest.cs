using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Deletes one key.</summary>
public sealed record StateDeleteRequest : IWireMessage<StateDeleteRequest>
{
    /// <summary>The namespace; empty means <c>default</c>.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The key.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>Compare-and-swap: the version the key must have.</summary>
    public long? ExpectedVersion { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(3);
        writer.WriteString("namespace"u8);
        writer.Write(Namespace);
        writer.WriteString("key"u8);
        writer.Write(Key);
        writer.WriteString("expectedVersion"u8);
        WireWriter.Write(ref writer, ExpectedVersion);
    }

    /// <inheritdoc />
    public static StateDeleteRequest ReadFrom(ref MessagePackReader reader)
    {
        string @namespace = string.Empty;
        string key = string.Empty;
        long? expectedVersion = null;
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
                case "expectedVersion":
                    expectedVersion = WireReader.ReadNullableInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new StateDeleteRequest
        {
            Namespace = @namespace,
            Key = key,
            ExpectedVersion = expectedVersion,
        };
    }
}
