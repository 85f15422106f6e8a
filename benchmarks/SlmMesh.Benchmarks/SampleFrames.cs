using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Benchmarks;

/// <summary>The frames measured: the ones a mesh exchanges most, with realistic sizes.</summary>
internal static class SampleFrames
{
    public const long Now = 1764400000000;

    public static OutboundFrame Hello { get; } = new(FrameKind.Hello, 0, "hello", new HelloBody
    {
        ProtocolVersion = ProtocolVersion.Current,
        Token = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        Client = "slm-mesh-mcp/0.1.0",
        ProcessId = 4242,
    });

    public static OutboundFrame SendRequest { get; } = OutboundFrame.Request(42, MeshOperations.Send, new SendRequest
    {
        Id = "0c6f1f0e-4a5b-4d8e-9a53-1b2c3d4e5f60",
        To = "all",
        Type = "text",
        Payload = "Refactoring src/auth/TokenStore.cs: please hold edits to src/auth/** for ten minutes. 🙏",
    });

    public static OutboundFrame MessagePush { get; } = OutboundFrame.Push(MeshPushes.Message, new MeshMessage
    {
        Id = "0c6f1f0e-4a5b-4d8e-9a53-1b2c3d4e5f60",
        From = "a1b2c3d4e5f6",
        FromName = "claude-code-api",
        To = "f6e5d4c3b2a1",
        Broadcast = true,
        Type = "text",
        Payload = "Refactoring src/auth/TokenStore.cs: please hold edits to src/auth/** for ten minutes. 🙏",
        CreatedAt = Now,
        ExpiresAt = Now + 86_400_000,
    });

    public static OutboundFrame PeerList { get; } = OutboundFrame.Response(7, new PeerListResponse
    {
        Peers = Enumerable.Range(1, 10).Select(i => new PeerInfo
        {
            Id = $"peer{i:D8}",
            Name = $"agent-{i}",
            AgentType = i % 2 == 0 ? "claude-code" : "cursor",
            ProcessId = 10_000 + i,
            AgentProcessId = 9_000 + i,
            Cwd = $"/home/dev/projects/service-{i}/src",
            GitRoot = $"/home/dev/projects/service-{i}",
            GitBranch = "feature/mesh",
            Summary = "Working on the payment retry logic; touching src/payments/** and its tests.",
            ConnectedAt = Now - (i * 60_000),
            LastSeen = Now,
            Connected = true,
        }).ToArray(),
    });
}
