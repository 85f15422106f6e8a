using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh;

/// <summary>An advisory lock on a file path or a glob.</summary>
public sealed record LockInfo : IWireMessage<LockInfo>
{
    /// <summary>The normalised absolute path or glob.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Whether <see cref="Path"/> is a glob (contains <c>*</c>, <c>?</c> or <c>[</c>).</summary>
    public bool IsGlob { get; init; }

    /// <summary>The peer id of the holder.</summary>
    public string HolderId { get; init; } = string.Empty;

    /// <summary>The holder name at the time of locking.</summary>
    public string HolderName { get; init; } = string.Empty;

    /// <summary>Why the holder locked it.</summary>
    public string? Reason { get; init; }

    /// <summary>Rises with every grant on this path: a stale holder can be detected by comparing tokens.</summary>
    public long FencingToken { get; init; }

    /// <summary>When it was granted (or last renewed), Unix epoch milliseconds.</summary>
    public long AcquiredAt { get; init; }

    /// <summary>When it expires unless renewed, Unix epoch milliseconds.</summary>
    public long ExpiresAt { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(8);
        writer.WriteString("path"u8);
        writer.Write(Path);
        writer.WriteString("glob"u8);
        writer.Write(IsGlob);
        writer.WriteString("holderId"u8);
        writer.Write(HolderId);
        writer.WriteString("holderName"u8);
        writer.Write(HolderName);
        writer.WriteString("reason"u8);
        writer.Write(Reason);
        writer.WriteString("fencingToken"u8);
        writer.Write(FencingToken);
        writer.WriteString("acquiredAt"u8);
        writer.Write(AcquiredAt);
        writer.WriteString("expiresAt"u8);
        writer.Write(ExpiresAt);
    }

    /// <inheritdoc />
    public static LockInfo ReadFrom(ref MessagePackReader reader)
    {
        string path = string.Empty;
        bool isGlob = false;
        string holderId = string.Empty;
        string holderName = string.Empty;
        string? reason = null;
        long fencingToken = 0;
        long acquiredAt = 0;
        long expiresAt = 0;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "path":
                    path = WireReader.ReadString(ref reader);
                    break;
                case "glob":
                    isGlob = WireReader.ReadBoolean(ref reader);
                    break;
                case "holderId":
                    holderId = WireReader.ReadString(ref reader);
                    break;
                case "holderName":
                    holderName = WireReader.ReadString(ref reader);
                    break;
                case "reason":
                    reason = WireReader.ReadNullableString(ref reader);
                    break;
                case "fencingToken":
                    fencingToken = WireReader.ReadInt64(ref reader);
                    break;
                case "acquiredAt":
                    acquiredAt = WireReader.ReadInt64(ref reader);
                    break;
                case "expiresAt":
                    expiresAt = WireReader.ReadInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new LockInfo
        {
            Path = path,
            IsGlob = isGlob,
            HolderId = holderId,
            HolderName = holderName,
            Reason = reason,
            FencingToken = fencingToken,
            AcquiredAt = acquiredAt,
            ExpiresAt = expiresAt,
        };
    }
}
