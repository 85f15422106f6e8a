using System.Buffers;
using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>Encoding helpers shared by the tests.</summary>
internal static class Bytes
{
    public delegate void WriteAction(ref MessagePackWriter writer);

    /// <summary>Writes MessagePack by hand, for bytes the library itself would never produce.</summary>
    public static byte[] Build(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Encode(IWireWritable value) => Build((ref MessagePackWriter w) => value.WriteTo(ref w));

    /// <summary>Decodes <typeparamref name="T"/> and checks that the value used every byte, no more, no less.</summary>
    public static T Decode<T>(ReadOnlyMemory<byte> bytes)
        where T : IWireMessage<T>
    {
        var reader = new MessagePackReader(bytes);
        T value = T.ReadFrom(ref reader);
        Assert.True(reader.End, $"{typeof(T).Name} left {reader.Sequence.Length - reader.Consumed} bytes unread.");
        return value;
    }

    /// <summary>A length prefix followed by <paramref name="body"/>.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> body)
    {
        byte[] frame = new byte[4 + body.Length];
        SlmMesh.Transport.Framing.FrameCodec.WriteHeader(frame, body.Length);
        body.CopyTo(frame.AsSpan(4));
        return frame;
    }

    /// <summary>A frame whose envelope is written by hand.</summary>
    public static byte[] Frame(WriteAction writeEnvelope) => Frame(Build(writeEnvelope));

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] FromHex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
}
