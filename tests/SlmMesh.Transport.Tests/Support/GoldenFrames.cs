using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>The frames whose bytes are pinned by the golden vectors (and shown in docs/PROTOCOL.md).</summary>
internal static class GoldenFrames
{
    public const string Token = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    public static OutboundFrame Hello { get; } = new(FrameKind.Hello, 0, "hello", new HelloBody
    {
        ProtocolVersion = 1,
        Token = Token,
        Client = "slm-mesh-cli/0.1.0",
        ProcessId = 4242,
    });

    public static OutboundFrame Welcome { get; } = new(FrameKind.Welcome, 0, "welcome", new WelcomeBody
    {
        ProtocolVersion = 1,
        Broker = "slm-mesh-broker/0.1.0",
        BrokerProcessId = 4100,
        ConnectionId = 7,
        MaxFrameSize = 1048576,
        ServerTime = 1764400000000,
    });

    public static OutboundFrame Unauthorized { get; } = OutboundFrame.Error(0, new ErrorBody
    {
        Code = MeshErrorCode.Unauthorized,
        Message = "Wrong broker token.",
    });

    public static OutboundFrame Locked { get; } = OutboundFrame.Error(9, new ErrorBody
    {
        Code = MeshErrorCode.Locked,
        Message = "Locked by bob.",
        Lock = new LockInfo
        {
            Path = "/src/a.cs",
            IsGlob = false,
            HolderId = "p2",
            HolderName = "bob",
            Reason = "refactor",
            FencingToken = 3,
            AcquiredAt = 1764400000000,
            ExpiresAt = 1764400600000,
        },
        RetryAfterMs = 600000,
    });

    public static OutboundFrame SendRequest { get; } = OutboundFrame.Request(42, MeshOperations.Send, new SendRequest
    {
        Id = "m1",
        To = "all",
        Type = "text",
        Payload = "héllo 👋",
    });

    public static OutboundFrame SendResponse { get; } = OutboundFrame.Response(42, new SendResponse
    {
        Id = "m1",
        Recipients = ["p2", "p3"],
        CreatedAt = 1764400000123,
    });

    public static OutboundFrame MessagePush { get; } = OutboundFrame.Push(MeshPushes.Message, new MeshMessage
    {
        Id = "m1",
        From = "p1",
        FromName = "alice",
        To = "p2",
        Broadcast = true,
        Type = "text",
        Payload = "héllo 👋",
        ReplyTo = null,
        CreatedAt = 1764400000123,
        ExpiresAt = 1764486400123,
        ReadAt = null,
    });
}
