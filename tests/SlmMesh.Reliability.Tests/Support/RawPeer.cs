using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Reliability.Tests.Support;

/// <summary>A connection that speaks the wire protocol directly, without MeshClient's conveniences: what a hostile or foreign client can do.</summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly List<InboundFrame> _pushes = [];
    private uint _nextId;

    private RawPeer(FrameConnection connection)
    {
        Connection = connection;
    }

    public FrameConnection Connection { get; }

    public IReadOnlyList<InboundFrame> Pushes => _pushes;

    public static async Task<RawPeer> ConnectAsync(MeshHome home, string? token = null) =>
        new(await FrameConnector.ConnectAsync(
            new FrameConnectorOptions { SocketPath = home.SocketPath, Token = token ?? home.ReadToken()! },
            null,
            TestContext.Current.CancellationToken));

    /// <summary>Sends a request and returns its answer (a response or an error frame); pushes met meanwhile are kept.</summary>
    public async Task<InboundFrame> RequestAsync(string operation, IWireWritable body)
    {
        uint id = ++_nextId;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await Connection.SendAsync(OutboundFrame.Request(id, operation, body), timeout.Token);
        while (true)
        {
            InboundFrame frame = await Connection.Incoming.ReadAsync(timeout.Token);
            if (frame.Kind is FrameKind.Response or FrameKind.Error && frame.Id == id)
            {
                return frame;
            }

            _pushes.Add(frame);
        }
    }

    public async Task<T> CallAsync<T>(string operation, IWireWritable body)
        where T : IWireMessage<T>
    {
        InboundFrame answer = await RequestAsync(operation, body);
        return answer.Kind == FrameKind.Error ? throw new MeshException(answer.ReadBody<ErrorBody>()) : answer.ReadBody<T>();
    }

    /// <summary>The error code a request is refused with (fails the test if it succeeds).</summary>
    public async Task<string> RefusalAsync(string operation, IWireWritable body)
    {
        InboundFrame answer = await RequestAsync(operation, body);
        Assert.True(answer.Kind == FrameKind.Error, $"'{operation}' should have been refused.");
        return answer.ReadBody<ErrorBody>().Code;
    }

    public Task<RegisterResponse> RegisterAsync(string name, string cwd, string? peerId = null, int agentProcessId = 0) =>
        CallAsync<RegisterResponse>(MeshOperations.Register, new RegisterRequest
        {
            PeerId = peerId,
            Name = name,
            AgentType = "dotnet",
            ProcessId = Environment.ProcessId,
            AgentProcessId = agentProcessId,
            Cwd = cwd,
        });

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
