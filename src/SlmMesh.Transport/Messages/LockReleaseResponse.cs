using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>The outcome of a release.</summary>
public sealed record LockReleaseResponse : IWireMessage<LockReleaseResponse>
{
    /// <summary>Whether a lock was held and is now released.</summary>
    public bool Released { get; init; }

    /// <summary>The normalised path.</summary>
    public string Path { get; init; } = string.Empty;

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteString("released"u8);
        writer.Write(Released);
        writer.WriteString("path"u8);
        writer.Write(Path);
    }

    /// <inheritdoc />
    public static LockReleaseResponse ReadFrom(ref MessagePackReader reader)
    {
        bool released = false;
        string path = string.Empty;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "released":
                    released = WireReader.ReadBoolean(ref reader);
                    break;
                case "path":
                    path = WireReader.ReadString(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new LockReleaseResponse
        {
            Released = released,
            Path = path,
        };
    }
}
