using System.Buffers;
using System.Buffers.Binary;

namespace SlmMesh.Transport.Framing;

/// <summary>
/// The frame layer: a 4-byte big-endian unsigned length N, then N bytes of MessagePack. N is checked
/// against the maximum before anything is allocated; N = 0 is an error.
/// </summary>
public static class FrameCodec
{
    /// <summary>The size of the length prefix.</summary>
    public const int HeaderSize = 4;

    /// <summary>The default maximum frame body size: 1 MiB.</summary>
    public const int DefaultMaxFrameSize = 1024 * 1024;

    /// <summary>
    /// Slices one complete frame body off the front of <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">Received bytes; on success, advanced past the frame.</param>
    /// <param name="maxFrameSize">The largest body accepted.</param>
    /// <param name="body">The frame body.</param>
    /// <returns>False when the buffer does not hold a whole frame yet.</returns>
    /// <exception cref="MeshException"><c>protocol_error</c> for a zero length, <c>too_large</c> above the maximum.</exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out ReadOnlySequence<byte> body)
    {
        body = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        uint length = ReadLength(buffer);
        if (length == 0)
        {
            throw new MeshException(MeshErrorCode.ProtocolError, "A frame of length 0 is not allowed.");
        }

        if (length > (uint)maxFrameSize)
        {
            throw new MeshException(MeshErrorCode.TooLarge, $"A frame of {length} bytes exceeds the maximum of {maxFrameSize} bytes.");
        }

        if (buffer.Length - HeaderSize < length)
        {
            return false;
        }

        body = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(body.End);
        return true;
    }

    /// <summary>Writes a length prefix for a body of <paramref name="length"/> bytes.</summary>
    /// <param name="destination">At least <see cref="HeaderSize"/> bytes.</param>
    /// <param name="length">The body length.</param>
    public static void WriteHeader(Span<byte> destination, int length) => BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)length);

    private static uint ReadLength(in ReadOnlySequence<byte> buffer)
    {
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        if (first.Length >= HeaderSize)
        {
            return BinaryPrimitives.ReadUInt32BigEndian(first);
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header);
    }
}
