using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh;

/// <summary>One key of the shared key-value state.</summary>
public sealed record StateEntry : IWireMessage<StateEntry>
{
    /// <summary>The namespace (default <c>default</c>).</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The key.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The value (UTF-8 text).</summary>
    public string Value { get; init; } = string.Empty;

    /// <summary>Rises on every write and delete of the key.</summary>
    public long Version { get; init; }

    /// <summary>The peer id of the last writer.</summary>
    public string UpdatedBy { get; init; } = string.Empty;

    /// <summary>When it was last written, Unix epoch milliseconds.</summary>
    public long UpdatedAt { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(6);
        writer.WriteString("namespace"u8);
        writer.Write(Namespace);
        writer.WriteString("key"u8);
        writer.Write(Key);
        writer.WriteString("value"u8);
        writer.Write(Value);
        writer.WriteString("version"u8);
        writer.Write(Version);
        writer.WriteString("updatedBy"u8);
        writer.Write(UpdatedBy);
        writer.WriteString("updatedAt"u8);
        writer.Write(UpdatedAt);
    }

    /// <inheritdoc />
    public static StateEntry ReadFrom(ref MessagePackReader reader)
    {
        string @namespace = string.Empty;
        string key = string.Empty;
        string value = string.Empty;
        long version = 0;
        string updatedBy = string.Empty;
        long updatedAt = 0;
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
                case "version":
                    version = WireReader.ReadInt64(ref reader);
                    break;
                case "updatedBy":
                    updatedBy = WireReader.ReadString(ref reader);
                    break;
                case "updatedAt":
                    updatedAt = WireReader.ReadInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new StateEntry
        {
            Namespace = @namespace,
            Key = key,
            Value = value,
            Version = version,
            UpdatedBy = updatedBy,
            UpdatedAt = updatedAt,
        };
    }
}
