using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Transport.Tests.Support;

internal static class ClientExtensions
{
    private static int s_nextId;

    /// <summary>Sends a request to the echo server and checks the response carries the same body.</summary>
    public static async Task AssertEchoAsync(this FrameConnection client, string text, CancellationToken cancellationToken)
    {
        uint id = (uint)Interlocked.Increment(ref s_nextId);
        var body = new SummaryRequest { Summary = text };
        await client.SendAsync(OutboundFrame.Request(id, TestServer.EchoOperation, body), cancellationToken);
        InboundFrame reply = await client.Incoming.ReadAsync(cancellationToken);
        Assert.Equal(FrameKind.Response, reply.Kind);
        Assert.Equal(id, reply.Id);
        Assert.Equal(body, reply.ReadBody<SummaryRequest>());
    }
}
