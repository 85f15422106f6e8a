using SlmMesh.Transport.Connections;

namespace SlmMesh.TestAgent;

/// <summary>Connects and says hello, nothing more: reports the welcome or the refusal (for tests run as another user).</summary>
internal static class HelloMode
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var options = new FrameConnectorOptions { SocketPath = args.Required("socket"), Token = args.Required("token") };
        try
        {
            await using FrameConnection connection = await FrameConnector.ConnectAsync(options);
            Output.Write("welcome", w => w.WriteNumber("brokerPid", connection.Welcome?.BrokerProcessId ?? 0));
            return 0;
        }
        catch (MeshException ex)
        {
            Output.Error("hello", ex);
            return 1;
        }
    }
}
