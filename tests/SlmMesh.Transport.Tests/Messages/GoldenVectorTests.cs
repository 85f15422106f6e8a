using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Tests.Support;

namespace SlmMesh.Transport.Tests.Messages;

/// <summary>
/// The wire format, byte for byte. If one of these fails, the encoding changed: that breaks every client
/// written from docs/PROTOCOL.md. Change the bytes here only together with the protocol version and the doc.
/// </summary>
public sealed class GoldenVectorTests
{
    private const string HelloHex =
        "00000084940100a568656c6c6f84af70726f746f636f6c56657273696f6e01a5746f6b656ed940303031313232333334"
        + "343535363637373838393961616262636364646565666630303131323233333434353536363737383839396161626263"
        + "63646465656666a6636c69656e74b2736c6d2d6d6573682d636c692f302e312e30a3706964cd1092";
    private const string WelcomeHex =
        "0000007b940200a777656c636f6d6586af70726f746f636f6c56657273696f6e01a662726f6b6572b5736c6d2d6d6573"
        + "682d62726f6b65722f302e312e30a962726f6b6572506964cd1004ac636f6e6e656374696f6e496407ac6d6178467261"
        + "6d6553697a65ce00100000aa73657276657254696d65cf0000019ace6f6c00";
    private const string UnauthorizedHex =
        "00000063940500ac756e617574686f72697a656485a4636f6465ac756e617574686f72697a6564a76d657373616765b3"
        + "57726f6e672062726f6b657220746f6b656e2eae63757272656e7456657273696f6ec0a46c6f636bc0ac726574727941"
        + "667465724d73c0";
    private const string LockedHex =
        "000000cb940509a66c6f636b656485a4636f6465a66c6f636b6564a76d657373616765ae4c6f636b656420627920626f"
        + "622eae63757272656e7456657273696f6ec0a46c6f636b88a470617468a92f7372632f612e6373a4676c6f62c2a8686f"
        + "6c6465724964a27032aa686f6c6465724e616d65a3626f62a6726561736f6ea87265666163746f72ac66656e63696e67"
        + "546f6b656e03aa61637175697265644174cf0000019ace6f6c00a9657870697265734174cf0000019ace7893c0ac7265"
        + "74727941667465724d73ce000927c0";
    private const string SendRequestHex =
        "0000004194032aa86d73672e73656e6485a26964a26d31a2746fa3616c6ca474797065a474657874a77061796c6f6164"
        + "ab68c3a96c6c6f20f09f918ba77265706c79546fc0";
    private const string SendResponseHex =
        "0000003094042aa083a26964a26d31aa726563697069656e747392a27032a27033a9637265617465644174cf0000019a"
        + "ce6f6c7b";
    private const string MessagePushHex =
        "0000008f940600a76d6573736167658ba26964a26d31a466726f6da27031a866726f6d4e616d65a5616c696365a2746f"
        + "a27032a962726f616463617374c3a474797065a474657874a77061796c6f6164ab68c3a96c6c6f20f09f918ba7726570"
        + "6c79546fc0a9637265617465644174cf0000019ace6f6c7ba9657870697265734174cf0000019ad395c87ba672656164"
        + "4174c0";

    public static TheoryData<string, string> Vectors() => new()
    {
        { "hello", HelloHex },
        { "welcome", WelcomeHex },
        { "unauthorized", UnauthorizedHex },
        { "locked", LockedHex },
        { "send-request", SendRequestHex },
        { "send-response", SendResponseHex },
        { "message-push", MessagePushHex },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encoding_matches_the_golden_bytes(string name, string hex)
    {
        byte[] encoded = FrameEnvelope.Encode(Frame(name));
        Assert.Equal(hex, Bytes.Hex(encoded));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_golden_bytes_decode_to_the_same_frame(string name, string hex)
    {
        OutboundFrame expected = Frame(name);
        var buffer = new System.Buffers.ReadOnlySequence<byte>(Bytes.FromHex(hex));

        Assert.True(FrameCodec.TryReadFrame(ref buffer, FrameCodec.DefaultMaxFrameSize, out var body));
        Assert.True(buffer.IsEmpty);
        InboundFrame frame = FrameEnvelope.Decode(body);

        Assert.Equal(expected.Kind, frame.Kind);
        Assert.Equal(expected.Id, frame.Id);
        Assert.Equal(expected.Name, frame.Name);
        Assert.Equal(Bytes.Hex(Bytes.Encode(expected.Body!)), Bytes.Hex(frame.Body.Span));
    }

    [Fact]
    public void The_golden_hello_and_welcome_decode_field_by_field()
    {
        HelloBody hello = Decode<HelloBody>(HelloHex);
        Assert.Equal(new HelloBody { ProtocolVersion = 1, Token = GoldenFrames.Token, Client = "slm-mesh-cli/0.1.0", ProcessId = 4242 }, hello);

        WelcomeBody welcome = Decode<WelcomeBody>(WelcomeHex);
        Assert.Equal(1, welcome.ProtocolVersion);
        Assert.Equal(1048576, welcome.MaxFrameSize);
        Assert.Equal(1764400000000, welcome.ServerTime);
    }

    [Fact]
    public void The_golden_push_decodes_with_its_nulls()
    {
        MeshMessage message = Decode<MeshMessage>(MessagePushHex);
        Assert.Equal("héllo 👋", message.Payload);
        Assert.Null(message.ReplyTo);
        Assert.Null(message.ReadAt);
        Assert.True(message.Broadcast);
    }

    private static T Decode<T>(string hex)
        where T : Wire.IWireMessage<T>
    {
        var buffer = new System.Buffers.ReadOnlySequence<byte>(Bytes.FromHex(hex));
        Assert.True(FrameCodec.TryReadFrame(ref buffer, FrameCodec.DefaultMaxFrameSize, out var body));
        return FrameEnvelope.Decode(body).ReadBody<T>();
    }

    private static OutboundFrame Frame(string name) => name switch
    {
        "hello" => GoldenFrames.Hello,
        "welcome" => GoldenFrames.Welcome,
        "unauthorized" => GoldenFrames.Unauthorized,
        "locked" => GoldenFrames.Locked,
        "send-request" => GoldenFrames.SendRequest,
        "send-response" => GoldenFrames.SendResponse,
        "message-push" => GoldenFrames.MessagePush,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
