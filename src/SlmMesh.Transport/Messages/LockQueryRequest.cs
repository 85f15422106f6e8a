using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Lists live locks, or the ones that conflict with a path.</summary>
public sealed record LockQueryRequest : IWireMessage<LockQueryRequest>
{
    /// <summary>Only locks that conflict with this path or glob; null for all.</summary>
    public string? Path { get; init; }

    /// <summary>The folder relative paths are resolved against.</summary>
    public string? Cwd { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteString("path"u8);
        writer.Write(Path);
        writer.WriteString("cwd"u8);
        writer.Write(Cwd);
    }

    /// <inheritdoc />
    public static LockQueryRequest ReadFrom(ref MessagePackReader reader)
    {
        string? path = null;
        string? cwd = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "path":
                    path = WireReader.ReadNullableString(ref reader);
                    break;
                case "cwd":
                    cwd = WireReader.ReadNullableString(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new LockQueryRequest
        {
            Path = path,
            Cwd = cwd,
        };
    }
}
