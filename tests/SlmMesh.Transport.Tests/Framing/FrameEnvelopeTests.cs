using System.Buffers;
using MessagePack;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Tests.Support;

namespace SlmMesh.Transport.Tests.Framing;

public sealed class FrameEnvelopeTests
{
    [Fact]
    public void A_request_decodes_with_its_correlation_id_name_and_body()
    {
        byte[] body = Bytes.Build((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(4);
            w.Write(3);
            w.Write(uint.MaxValue);
            w.Write("msg.send");
            w.WriteMapHeader(1);
            w.Write("to");
            w.Write("all");
        });

        InboundFrame frame = FrameEnvelope.Decode(new ReadOnlySequence<byte>(body));

        Assert.Equal(FrameKind.Request, frame.Kind);
        Assert.Equal(uint.MaxValue, frame.Id);
        Assert.Same(MeshOperations.Send, frame.Name);
        Assert.Equal("all", frame.ReadBody<SendRequest>().To);
    }

    [Fact]
    public void A_body_split_across_segments_decodes()
    {
        byte[] encoded = FrameEnvelope.Encode(GoldenFrames.MessagePush);
        InboundFrame frame = FrameEnvelope.Decode(Segments.EveryByte(encoded[4..]));

        Assert.Equal(FrameKind.Push, frame.Kind);
        Assert.Equal("héllo 👋", frame.ReadBody<MeshMessage>().Payload);
    }

    [Fact]
    public void Elements_after_the_fourth_are_skipped_so_the_envelope_can_grow()
    {
        byte[] body = Bytes.Build((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(7);
            w.Write(6);
            w.Write(0);
            w.Write("event");
            w.WriteMapHeader(0);
            w.Write("a future trace id");
            w.WriteArrayHeader(2);
            w.WriteMapHeader(1);
            w.Write("deadline");
            w.Write(1764400000000);
            w.WriteNil();
            w.Write(new byte[] { 1, 2, 3 });
        });

        InboundFrame frame = FrameEnvelope.Decode(new ReadOnlySequence<byte>(body));

        Assert.Equal(FrameKind.Push, frame.Kind);
        Assert.Equal("event", frame.Name);
        Assert.Equal(new byte[] { 0x80 }, frame.Body.ToArray());
    }

    [Fact]
    public void A_nil_name_reads_as_empty()
    {
        byte[] body = Envelope(4, 1, [0xc0]);
        Assert.Equal(string.Empty, FrameEnvelope.Decode(new ReadOnlySequence<byte>(body)).Name);
    }

    [Fact]
    public void A_name_of_exactly_the_maximum_length_is_accepted()
    {
        string name = new('n', FrameEnvelope.MaxNameLength);
        byte[] body = Envelope(3, 1, name);
        Assert.Equal(name, FrameEnvelope.Decode(new ReadOnlySequence<byte>(body)).Name);
    }

    [Fact]
    public void A_name_of_multibyte_characters_up_to_the_limit_decodes()
    {
        string name = string.Concat(Enumerable.Repeat("漢", FrameEnvelope.MaxNameLength / 3));
        byte[] body = Envelope(3, 1, name);
        Assert.Equal(name, FrameEnvelope.Decode(new ReadOnlySequence<byte>(body)).Name);
    }

    public static TheoryData<string, byte[]> Malformed() => new()
    {
        { "not an array (a map)", Bytes.Build((ref MessagePackWriter w) => w.WriteMapHeader(0)) },
        { "not an array (a string)", Bytes.Build((ref MessagePackWriter w) => w.Write("hello")) },
        { "not an array (nil)", new byte[] { 0xc0 } },
        { "an empty array", new byte[] { 0x90 } },
        { "three elements", Bytes.Build((ref MessagePackWriter w) => { w.WriteArrayHeader(3); w.Write(3); w.Write(1); w.Write("ping"); }) },
        { "kind 0", Envelope(0, 1, "ping") },
        { "kind 7", Envelope(7, 1, "ping") },
        { "kind 255", Envelope(255, 1, "ping") },
        { "kind -1", Envelope(-1, 1, "ping") },
        { "kind 2^40", Envelope(1L << 40, 1, "ping") },
        { "kind is a string", Bytes.Build((ref MessagePackWriter w) => { w.WriteArrayHeader(4); w.Write("request"); w.Write(1); w.Write("ping"); w.WriteMapHeader(0); }) },
        { "kind is nil", Bytes.Build((ref MessagePackWriter w) => { w.WriteArrayHeader(4); w.WriteNil(); w.Write(1); w.Write("ping"); w.WriteMapHeader(0); }) },
        { "kind is a float", Bytes.Build((ref MessagePackWriter w) => { w.WriteArrayHeader(4); w.Write(3.0); w.Write(1); w.Write("ping"); w.WriteMapHeader(0); }) },
        { "id is negative", Envelope(3, -1, "ping") },
        { "id above 2^32", Envelope(3, 1L << 32, "ping") },
        { "id is a string", Bytes.Build((ref MessagePackWriter w) => { w.WriteArrayHeader(4); w.Write(3); w.Write("1"); w.Write("ping"); w.WriteMapHeader(0); }) },
        { "name is an integer", Envelope(3, 1, [0x05]) },
        { "name is binary", Envelope(3, 1, [0xc4, 0x01, 0x70]) },
        { "name one byte too long", Envelope(3, 1, new string('n', FrameEnvelope.MaxNameLength + 1)) },
        { "name of 100 KB", Envelope(3, 1, new string('n', 100_000)) },
        { "trailing bytes", [.. Envelope(3, 1, "ping"), 0x01] },
        { "a second envelope", [.. Envelope(3, 1, "ping"), .. Envelope(3, 2, "ping")] },
        { "truncated body", Envelope(3, 1, "ping")[..^1] },
        { "truncated string", new byte[] { 0x94, 0x03, 0x01, 0xa4, 0x70, 0x69 } },
        { "array claims 2^31 elements", new byte[] { 0xdd, 0x80, 0x00, 0x00, 0x00, 0x03, 0x01, 0xa0, 0x80 } },
        { "array claims 2^32-1 elements", new byte[] { 0xdd, 0xff, 0xff, 0xff, 0xff, 0x03, 0x01, 0xa0, 0x80 } },
        { "body map claims 2^32-1 pairs", new byte[] { 0x94, 0x03, 0x01, 0xa0, 0xdf, 0xff, 0xff, 0xff, 0xff } },
        { "the never-used byte 0xc1", new byte[] { 0xc1 } },
        { "0xc1 as the body", new byte[] { 0x94, 0x03, 0x01, 0xa0, 0xc1 } },
        { "extra element truncated", Bytes.Build((ref MessagePackWriter w) => { w.WriteArrayHeader(5); w.Write(3); w.Write(1); w.Write("ping"); w.WriteMapHeader(0); }) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_envelopes_are_protocol_errors(string what, byte[] body)
    {
        var ex = Assert.Throws<MeshException>(() => FrameEnvelope.Decode(new ReadOnlySequence<byte>(body)));
        Assert.True(ex.Code == MeshErrorCode.ProtocolError, $"{what}: {ex.Code}");
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_envelopes_fail_the_same_way_when_split_into_single_bytes(string what, byte[] body)
    {
        var ex = Assert.Throws<MeshException>(() => FrameEnvelope.Decode(Segments.EveryByte(body)));
        Assert.True(ex.Code == MeshErrorCode.ProtocolError, $"{what}: {ex.Code}");
    }

    [Fact]
    public void Half_a_million_nested_arrays_in_the_body_do_not_overflow_the_stack()
    {
        const int depth = 500_000;
        byte[] body = new byte[4 + depth + 1];
        body[0] = 0x94;
        body[1] = 0x03;
        body[2] = 0x01;
        body[3] = 0xa0;
        body.AsSpan(4, depth).Fill(0x91);
        body[^1] = 0xc0;
        Assert.True(body.Length < FrameCodec.DefaultMaxFrameSize);

        InboundFrame frame = FrameEnvelope.Decode(new ReadOnlySequence<byte>(body));

        Assert.Equal(depth + 1, frame.Body.Length);

        // Decoding that body as a message skips the unknown shape just as safely.
        var ex = Assert.Throws<MeshException>(() => frame.ReadBody<SendRequest>());
        Assert.Equal(MeshErrorCode.InvalidArgument, ex.Code);
    }

    [Fact]
    public void A_nested_unknown_field_half_a_million_levels_deep_is_skipped_in_a_body()
    {
        const int depth = 500_000;
        byte[] prefix = Bytes.Build((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(2);
            w.Write("to");
            w.Write("all");
            w.Write("future");
        });
        byte[] body = [.. prefix, .. Enumerable.Repeat((byte)0x91, depth), .. Enumerable.Repeat((byte)0x81, 1), 0xa1, 0x6b, 0xc0];

        SendRequest request = Bytes.Decode<SendRequest>(body);

        Assert.Equal("all", request.To);
    }

    [Fact]
    public void The_wrong_body_type_is_an_invalid_argument_naming_the_operation()
    {
        byte[] wrongBody = Bytes.Build((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write("payload");
            w.WriteArrayHeader(0);
        });
        byte[] body = Envelope(3, 1, Raw(MeshOperations.Send), wrongBody);
        InboundFrame frame = FrameEnvelope.Decode(new ReadOnlySequence<byte>(body));

        var ex = Assert.Throws<MeshException>(() => frame.ReadBody<SendRequest>());

        Assert.Equal(MeshErrorCode.InvalidArgument, ex.Code);
        Assert.Contains(MeshOperations.Send, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_then_decode_keeps_every_envelope_field()
    {
        var outbound = new OutboundFrame(FrameKind.Error, 77, MeshErrorCode.Conflict, new ErrorBody { Code = MeshErrorCode.Conflict, Message = "m", CurrentVersion = 0 });
        byte[] encoded = FrameEnvelope.Encode(outbound);

        InboundFrame frame = FrameEnvelope.Decode(new ReadOnlySequence<byte>(encoded, 4, encoded.Length - 4));

        Assert.Equal((FrameKind.Error, 77u, MeshErrorCode.Conflict), (frame.Kind, frame.Id, frame.Name));
        Assert.Equal(0, frame.ReadBody<ErrorBody>().CurrentVersion);
    }

    [Fact]
    public void A_null_body_is_written_as_an_empty_map()
    {
        byte[] encoded = FrameEnvelope.Encode(OutboundFrame.Response(5, null));
        Assert.Equal("00000005940405a080", Bytes.Hex(encoded));
    }

    private static byte[] Envelope(long kind, long id, string name) => Envelope(kind, id, Raw(name));

    private static byte[] Envelope(long kind, long id, byte[] rawName, byte[]? rawBody = null) =>
        Bytes.Build((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(4);
            w.Write(kind);
            w.Write(id);
            w.WriteRaw(rawName);
            w.WriteRaw(rawBody ?? [0x80]);
        });

    private static byte[] Raw(string value) => Bytes.Build((ref MessagePackWriter w) => w.Write(value));
}
