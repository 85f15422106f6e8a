using System.Buffers;
using SlmMesh.Transport.Framing;

namespace SlmMesh.Transport.Tests;

public sealed class FrameCodecTests
{
    [Fact]
    public void A_zero_length_is_a_protocol_error()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 0, 1 });
        var ex = Assert.Throws<MeshException>(() => FrameCodec.TryReadFrame(ref buffer, 1024, out _));
        Assert.Equal(MeshErrorCode.ProtocolError, ex.Code);
    }
}
