using System.Buffers;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Tests.Support;

namespace SlmMesh.Transport.Tests.Framing;

public sealed class FrameCodecTests
{
    [Fact]
    public void A_zero_length_is_a_protocol_error()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 0, 1 });
        var ex = Assert.Throws<MeshException>(() => FrameCodec.TryReadFrame(ref buffer, 1024, out _));
        Assert.Equal(MeshErrorCode.ProtocolError, ex.Code);
    }

    [Fact]
    public void A_length_above_the_maximum_is_too_large_before_the_body_arrives()
    {
        // Only the header: the check must not wait for (or allocate) the announced megabytes.
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x00, 0x10, 0x00, 0x01 });
        var ex = Assert.Throws<MeshException>(() => FrameCodec.TryReadFrame(ref buffer, FrameCodec.DefaultMaxFrameSize, out _));
        Assert.Equal(MeshErrorCode.TooLarge, ex.Code);
    }

    [Fact]
    public void The_largest_length_is_too_large_not_negative()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0xff, 0xff, 0xff, 0xff });
        var ex = Assert.Throws<MeshException>(() => FrameCodec.TryReadFrame(ref buffer, FrameCodec.DefaultMaxFrameSize, out _));
        Assert.Equal(MeshErrorCode.TooLarge, ex.Code);
    }

    [Fact]
    public void A_length_equal_to_the_maximum_is_accepted()
    {
        byte[] frame = Bytes.Frame(new byte[1000]);
        var buffer = new ReadOnlySequence<byte>(frame);

        Assert.True(FrameCodec.TryReadFrame(ref buffer, 1000, out ReadOnlySequence<byte> body));
        Assert.Equal(1000, body.Length);
        Assert.True(buffer.IsEmpty);

        buffer = new ReadOnlySequence<byte>(frame);
        Assert.Equal(MeshErrorCode.TooLarge, Assert.Throws<MeshException>(() => FrameCodec.TryReadFrame(ref buffer, 999, out _)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Fewer_than_four_header_bytes_wait_for_more(int length)
    {
        var buffer = new ReadOnlySequence<byte>(new byte[length]);
        Assert.False(FrameCodec.TryReadFrame(ref buffer, 1024, out _));
        Assert.Equal(length, buffer.Length);
    }

    [Fact]
    public void A_partial_body_waits_for_more_and_consumes_nothing()
    {
        byte[] frame = Bytes.Frame([1, 2, 3, 4, 5]);
        var buffer = new ReadOnlySequence<byte>(frame[..^1]);
        Assert.False(FrameCodec.TryReadFrame(ref buffer, 1024, out _));
        Assert.Equal(frame.Length - 1, buffer.Length);
    }

    [Fact]
    public void Frames_split_into_single_byte_segments_are_read_whole()
    {
        byte[] first = Bytes.Frame([0xa1, 0x61]);
        byte[] second = Bytes.Frame(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray());
        ReadOnlySequence<byte> buffer = Segments.EveryByte([.. first, .. second]);

        Assert.True(FrameCodec.TryReadFrame(ref buffer, 1024, out ReadOnlySequence<byte> body1));
        Assert.Equal(first[4..], body1.ToArray());
        Assert.True(FrameCodec.TryReadFrame(ref buffer, 1024, out ReadOnlySequence<byte> body2));
        Assert.Equal(second[4..], body2.ToArray());
        Assert.True(buffer.IsEmpty);
        Assert.False(FrameCodec.TryReadFrame(ref buffer, 1024, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_header_split_across_segments_is_read(int split)
    {
        byte[] frame = Bytes.Frame(new byte[260]);
        ReadOnlySequence<byte> buffer = Segments.Split(frame, split, 4 - split, 100, 100);

        Assert.True(FrameCodec.TryReadFrame(ref buffer, 1024, out ReadOnlySequence<byte> body));
        Assert.Equal(260, body.Length);
    }

    [Fact]
    public void A_zero_length_split_across_segments_is_still_an_error()
    {
        ReadOnlySequence<byte> buffer = Segments.EveryByte([0, 0, 0, 0, 0x90]);
        Assert.Equal(MeshErrorCode.ProtocolError, Assert.Throws<MeshException>(() => FrameCodec.TryReadFrame(ref buffer, 1024, out _)).Code);
    }

    [Fact]
    public void The_header_is_big_endian()
    {
        byte[] header = new byte[4];
        FrameCodec.WriteHeader(header, 0x01020304);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, header);
    }
}
