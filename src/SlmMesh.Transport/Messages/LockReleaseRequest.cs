using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Releases a lock the caller holds.</summary>
public sealed record LockReleaseRequest : IWireMessage<LockReleaseRequest>
{
    /// <summary>The path or glob, as locked.</summary>
    public string Path { get; init; } = string.Empty;

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
    public static LockReleaseRequest ReadFrom(ref MessagePackReader reader)
    {
        string path = string.Empty;
        string? cwd = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "path":
                    path = WireReader.ReadString(ref reader);
                    break;
                case "cwd":
                    cwd = WireReader.ReadNullableString(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new LockReleaseRequest
        {
            Path = path,
            Cwd = cwd,
        };
    }
}
