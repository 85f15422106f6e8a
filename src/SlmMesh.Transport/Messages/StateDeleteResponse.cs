using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>The outcome of a delete.</summary>
public sealed record StateDeleteResponse : IWireMessage<StateDeleteResponse>
{
    /// <summary>Whether the key existed.</summary>
    public bool Deleted { get; init; }

    /// <summary>The version the delete was recorded as.</summary>
    public long Version { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteString("deleted"u8);
        writer.Write(Deleted);
        writer.WriteString("version"u8);
        writer.Write(Version);
    }

    /// <inheritdoc />
    public static StateDeleteResponse ReadFrom(ref MessagePackReader reader)
    {
        bool deleted = false;
        long version = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "deleted":
                    deleted = WireReader.ReadBoolean(ref reader);
                    break;
                case "version":
                    version = WireReader.ReadInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new StateDeleteResponse
        {
            Deleted = deleted,
            Version = version,
        };
    }
}
