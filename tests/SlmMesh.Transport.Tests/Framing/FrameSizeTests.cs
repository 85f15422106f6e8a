using System.Buffers;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Tests.Support;

namespace SlmMesh.Transport.Tests.Framing;

public sealed class FrameSizeTests
{
    [Theory]
    [InlineData(4096)]
    [InlineData(FrameCodec.DefaultMaxFrameSize)]
    public void A_frame_of_exactly_the_maximum_size_is_encoded_and_one_byte_more_is_too_large(int max)
    {
        EncodedFrame exact = EncodedFrame.Encode(SizedFrames.Request(max), max);
        try
        {
            Assert.Equal(max + FrameCodec.HeaderSize, exact.Length);
            var buffer = new ReadOnlySequence<byte>(exact.Span.ToArray());
            Assert.True(FrameCodec.TryReadFrame(ref buffer, max, out ReadOnlySequence<byte> body));
            Assert.Equal(max, body.Length);
            Assert.Equal("sized", FrameEnvelope.Decode(body).ReadBody<SendRequest>().Id);
        }
        finally
        {
            exact.Return();
        }

        var ex = Assert.Throws<MeshException>(() => EncodedFrame.Encode(SizedFrames.Request(max + 1), max));
        Assert.Equal(MeshErrorCode.TooLarge, ex.Code);
        Assert.Contains(MeshOperations.Send, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ascii")]
    [InlineData("emoji")]
    [InlineData("cjk")]
    public void A_64_KiB_payload_round_trips_through_a_whole_frame(string text)
    {
        string payload = text switch
        {
            "ascii" => new string('a', 64 * 1024),
            "emoji" => string.Concat(Enumerable.Repeat("😀", 64 * 1024 / 4)),
            _ => string.Concat(Enumerable.Repeat("漢", 64 * 1024 / 3)),
        };
        var request = new SendRequest { Id = "big", To = "p2", Type = "text", Payload = payload };
        byte[] encoded = FrameEnvelope.Encode(OutboundFrame.Request(uint.MaxValue, MeshOperations.Send, request));

        var buffer = new ReadOnlySequence<byte>(encoded);
        Assert.True(FrameCodec.TryReadFrame(ref buffer, FrameCodec.DefaultMaxFrameSize, out ReadOnlySequence<byte> body));
        InboundFrame frame = FrameEnvelope.Decode(body);

        Assert.Equal(uint.MaxValue, frame.Id);
        Assert.Equal(request, frame.ReadBody<SendRequest>());
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(payload) >= 64 * 1024 - 3);
    }

    [Fact]
    public void FrameEnvelope_Encode_writes_the_length_of_the_body()
    {
        byte[] encoded = FrameEnvelope.Encode(SizedFrames.Request(70_000));
        Assert.Equal(70_000 + 4, encoded.Length);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x11, 0x70 }, encoded[..4]);
    }
}
