using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>A real <see cref="FrameListener"/> on a socket in a private temp folder; by default it echoes every request.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string Token = "5ecret-t0ken-for-tests";
    public const string EchoOperation = "test.echo";

    private readonly SocketDirectory _directory;

    private TestServer(SocketDirectory directory, FrameListener listener, TestLogger logger)
    {
        _directory = directory;
        Listener = listener;
        Logger = logger;
    }

    public FrameListener Listener { get; }

    public TestLogger Logger { get; }

    public string SocketPath => Listener.SocketPath;

    public static TestServer Start(
        Func<FrameListenerOptions, FrameListenerOptions>? configure = null,
        Func<FrameConnection, CancellationToken, Task>? handler = null)
    {
        var directory = new SocketDirectory();
        var options = new FrameListenerOptions { SocketPath = directory.File(), Token = Token };
        options = configure?.Invoke(options) ?? options;
        var logger = new TestLogger();
        return new TestServer(directory, FrameListener.Start(options, handler ?? EchoAsync, logger), logger);
    }

    /// <summary>Answers every request with a response carrying the request's body, byte for byte.</summary>
    public static async Task EchoAsync(FrameConnection connection, CancellationToken cancellationToken)
    {
        await foreach (InboundFrame frame in connection.Incoming.ReadAllAsync(cancellationToken))
        {
            if (frame.Kind == FrameKind.Request)
            {
                await connection.SendAsync(OutboundFrame.Response(frame.Id, new RawBody(frame.Body)), cancellationToken);
            }
        }
    }

    public FrameConnectorOptions ClientOptions(string? token = null, int? protocolVersion = null) => new()
    {
        SocketPath = SocketPath,
        Token = token ?? Token,
        ClientName = "transport-tests",
        ProtocolVersion = protocolVersion ?? ProtocolVersion.Current,
    };

    public Task<FrameConnection> ConnectAsync(CancellationToken cancellationToken) =>
        FrameConnector.ConnectAsync(ClientOptions(), logger: null, cancellationToken);

    /// <summary>Stops the listener, failing the test (rather than hanging it) if that takes more than 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Listener.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        finally
        {
            _directory.Dispose();
        }
    }
}
