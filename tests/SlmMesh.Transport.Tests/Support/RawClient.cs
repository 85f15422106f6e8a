using System.Buffers;
using System.Net.Sockets;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>A client on a bare socket, for sending bytes no well-behaved client would send.</summary>
internal sealed class RawClient : IDisposable
{
    private readonly ArrayBufferWriter<byte> _received = new();
    private int _consumed;

    private RawClient(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public static async Task<RawClient> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        return new RawClient(socket);
    }

    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await Socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
            bytes = bytes[sent..];
        }
    }

    public Task SendAsync(OutboundFrame frame, CancellationToken cancellationToken) => SendAsync(FrameEnvelope.Encode(frame), cancellationToken);

    public static OutboundFrame Hello(string token = TestServer.Token, int version = ProtocolVersion.Current) =>
        new(FrameKind.Hello, 0, "hello", new HelloBody { ProtocolVersion = version, Token = token, Client = "raw", ProcessId = Environment.ProcessId });

    /// <summary>Says hello and waits for the welcome.</summary>
    public async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        await SendAsync(Hello(), cancellationToken);
        InboundFrame? welcome = await ReadFrameAsync(cancellationToken);
        Assert.Equal(FrameKind.Welcome, welcome?.Kind);
    }

    /// <summary>The next frame, or null when the server closed its side first.</summary>
    public async Task<InboundFrame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(_received.WrittenMemory[_consumed..]);
            if (FrameCodec.TryReadFrame(ref buffer, FrameCodec.DefaultMaxFrameSize, out ReadOnlySequence<byte> body))
            {
                InboundFrame frame = FrameEnvelope.Decode(body);
                _consumed = _received.WrittenCount - (int)buffer.Length;
                return frame;
            }

            if (await ReceiveAsync(cancellationToken) == 0)
            {
                Assert.Equal(0, buffer.Length);
                return null;
            }
        }
    }

    /// <summary>Reads to the end of the stream: every remaining frame, then a clean end of stream (not a reset).</summary>
    public async Task<List<InboundFrame>> ReadToEndAsync(CancellationToken cancellationToken)
    {
        var frames = new List<InboundFrame>();
        while (await ReadFrameAsync(cancellationToken) is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>Reads to the end and checks the server said exactly one thing: an error with <paramref name="code"/>.</summary>
    public async Task<ErrorBody> ExpectErrorThenEndAsync(string code, CancellationToken cancellationToken)
    {
        List<InboundFrame> frames = await ReadToEndAsync(cancellationToken);
        InboundFrame frame = Assert.Single(frames);
        Assert.Equal(FrameKind.Error, frame.Kind);
        Assert.Equal(0u, frame.Id);
        Assert.Equal(code, frame.Name);
        ErrorBody error = frame.ReadBody<ErrorBody>();
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    public void Dispose() => Socket.Dispose();

    private async Task<int> ReceiveAsync(CancellationToken cancellationToken)
    {
        Memory<byte> memory = _received.GetMemory(64 * 1024);
        int read = await Socket.ReceiveAsync(memory, SocketFlags.None, cancellationToken);
        _received.Advance(read);
        return read;
    }
}
