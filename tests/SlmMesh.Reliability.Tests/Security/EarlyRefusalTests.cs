using SlmMesh.Reliability.Tests.Support;
using SlmMesh.Transport.Connections;

namespace SlmMesh.Reliability.Tests.Security;

/// <summary>A broker that refuses a client before its hello (another user) is reported as that refusal, not as a lost connection.</summary>
public sealed class EarlyRefusalTests
{
    [Fact]
    public async Task A_client_refused_before_its_hello_always_learns_why()
    {
        string directory = InProcessMesh.NewDirectory();
        uint me = PeerCredentials.CurrentUserId() ?? 0;
        var options = new FrameListenerOptions { SocketPath = Path.Combine(directory, "s.sock"), Token = "t", AllowedUserId = me + 1 };
        try
        {
            await using FrameListener listener = FrameListener.Start(options, (_, _) => Task.CompletedTask);
            var codes = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < 1000; i++)
            {
                var refused = await Assert.ThrowsAsync<MeshException>(() => FrameConnector.ConnectAsync(new FrameConnectorOptions { SocketPath = options.SocketPath, Token = "t" }, null, TestContext.Current.CancellationToken));
                codes[refused.Code] = codes.GetValueOrDefault(refused.Code) + 1;
            }

            Assert.Equal([MeshErrorCode.Unauthorized], codes.Keys);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
