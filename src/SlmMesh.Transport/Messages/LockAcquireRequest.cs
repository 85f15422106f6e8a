using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Locks a file path or glob (or renews a lock the caller holds).</summary>
public sealed record LockAcquireRequest : IWireMessage<LockAcquireRequest>
{
    /// <summary>The path or glob; relative ones are resolved against <see cref="Cwd"/>.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Why, shown to peers that run into the lock.</summary>
    public string? Reason { get; init; }

    /// <summary>Time to live in milliseconds (1 to 60 minutes; 0 means 10 minutes).</summary>
    public long TtlMs { get; init; }

    /// <summary>How long to wait for a conflicting lock to end; 0 fails at once.</summary>
    public long WaitMs { get; init; }

    /// <summary>The folder relative paths are resolved against; null uses the peer working folder.</summary>
    public string? Cwd { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(5);
        writer.WriteString("path"u8);
        writer.Write(Path);
        writer.WriteString("reason"u8);
        writer.Write(Reason);
        writer.WriteString("ttlMs"u8);
        writer.Write(TtlMs);
        writer.WriteString("waitMs"u8);
        writer.Write(WaitMs);
        writer.WriteString("cwd"u8);
        writer.Write(Cwd);
    }

    /// <inheritdoc />
    public static LockAcquireRequest ReadFrom(ref MessagePackReader reader)
    {
        string path = string.Empty;
        string? reason = null;
        long ttlMs = 0;
        long waitMs = 0;
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
                case "reason":
                    reason = WireReader.ReadNullableString(ref reader);
                    break;
                case "ttlMs":
                    ttlMs = WireReader.ReadInt64(ref reader);
                    break;
                case "waitMs":
                    waitMs = WireReader.ReadInt64(ref reader);
                    break;
                case "cwd":
                    cwd = WireReader.ReadNullableString(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new LockAcquireRequest
        {
            Path = path,
            Reason = reason,
            TtlMs = ttlMs,
            WaitMs = waitMs,
            Cwd = cwd,
        };
    }
}
