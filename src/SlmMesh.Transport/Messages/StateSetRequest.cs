using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Writes one key.</summary>
public sealed record StateSetRequest : IWireMessage<StateSetRequest>
{
    /// <summary>The namespace; empty means <c>default</c>.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The key.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The value (at most 64 KiB).</summary>
    public string Value { get; init; } = string.Empty;

    /// <summary>Compare-and-swap: the version the key must have (0 = must not exist).</summary>
    public long? ExpectedVersion { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(4);
        writer.WriteString("namespace"u8);
        writer.Write(Namespace);
        writer.WriteString("key"u8);
        writer.Write(Key);
        writer.WriteString("value"u8);
        writer.Write(Value);
        writer.WriteString("expectedVersion"u8);
        WireWriter.Write(ref writer, ExpectedVersion);
    }

    /// <inheritdoc />
    public static StateSetRequest ReadFrom(ref MessagePackReader reader)
    {
        string @namespace = string.Empty;
        string key = string.Empty;
        string value = string.Empty;
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
                case "value":
                    value = WireReader.ReadString(ref reader);
                    break;
                case "expectedVersion":
                    expectedVersion = WireReader.ReadNullableInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new StateSetRequest
        {
            Namespace = @namespace,
            Key = key,
            Value = value,
            ExpectedVersion = expectedVersion,
        };
    }
}
