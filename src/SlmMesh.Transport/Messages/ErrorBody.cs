using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>A refusal: a stable code from <see cref="MeshErrorCode"/>, a human message, and details where the code has them.</summary>
public sealed record ErrorBody : IWireMessage<ErrorBody>
{
    /// <summary>The stable error code.</summary>
    public string Code { get; init; } = string.Empty;

    /// <summary>A sentence a person can act on.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>For <c>conflict</c>: the current version of the key (0 when it does not exist).</summary>
    public long? CurrentVersion { get; init; }

    /// <summary>For <c>locked</c>: the lock that is in the way.</summary>
    public LockInfo? Lock { get; init; }

    /// <summary>When retrying later can succeed: a hint in milliseconds.</summary>
    public long? RetryAfterMs { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(5);
        writer.WriteString("code"u8);
        writer.Write(Code);
        writer.WriteString("message"u8);
        writer.Write(Message);
        writer.WriteString("currentVersion"u8);
        WireWriter.Write(ref writer, CurrentVersion);
        writer.WriteString("lock"u8);
        WireWriter.Write(ref writer, Lock);
        writer.WriteString("retryAfterMs"u8);
        WireWriter.Write(ref writer, RetryAfterMs);
    }

    /// <inheritdoc />
    public static ErrorBody ReadFrom(ref MessagePackReader reader)
    {
        string code = string.Empty;
        string message = string.Empty;
        long? currentVersion = null;
        LockInfo? @lock = null;
        long? retryAfterMs = null;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "code":
                    code = WireReader.ReadString(ref reader);
                    break;
                case "message":
                    message = WireReader.ReadString(ref reader);
                    break;
                case "currentVersion":
                    currentVersion = WireReader.ReadNullableInt64(ref reader);
                    break;
                case "lock":
                    @lock = WireReader.ReadNullable<LockInfo>(ref reader);
                    break;
                case "retryAfterMs":
                    retryAfterMs = WireReader.ReadNullableInt64(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new ErrorBody
        {
            Code = code,
            Message = message,
            CurrentVersion = currentVersion,
            Lock = @lock,
            RetryAfterMs = retryAfterMs,
        };
    }
}
