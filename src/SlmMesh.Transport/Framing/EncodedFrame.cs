using System.Buffers;
using MessagePack;

namespace SlmMesh.Transport.Framing;

/// <summary>
/// A frame encoded into an array rented from <see cref="ArrayPool{T}.Shared"/>, length prefix included.
/// Whoever holds it last returns the array with <see cref="Return"/>.
/// </summary>
internal readonly struct EncodedFrame
{
    private readonly byte[] _array;

    private EncodedFrame(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, Length);

    /// <summary>Encodes <paramref name="frame"/>, refusing bodies over <paramref name="maxFrameSize"/>.</summary>
    public static EncodedFrame Encode(in OutboundFrame frame, int maxFrameSize)
    {
        var buffer = new PooledBufferWriter();
        try
        {
            buffer.Advance(FrameCodec.HeaderSize);
            var writer = new MessagePackWriter(buffer);
            FrameEnvelope.Write(ref writer, frame);
            writer.Flush();
            int bodyLength = buffer.WrittenCount - FrameCodec.HeaderSize;
            if (bodyLength > maxFrameSize)
            {
                throw new MeshException(
                    MeshErrorCode.TooLarge,
                    $"The '{frame.Name}' frame is {bodyLength} bytes, more than the maximum of {maxFrameSize} bytes.");
            }

            byte[] array = buffer.Detach(out int length);
            FrameCodec.WriteHeader(array, bodyLength);
            return new EncodedFrame(array, length);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    public void Return() => ArrayPool<byte>.Shared.Return(_array);
}
