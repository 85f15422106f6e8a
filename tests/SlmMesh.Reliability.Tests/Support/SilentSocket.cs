using System.Buffers;
using System.Net.Sockets;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Reliability.Tests.Support;

/// <summary>A client on a bare socket that writes frames and reads nothing until asked: a peer that stopped reading.</summary>
public sealed class SilentSocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public static async Task<SilentSocket> ConnectAsync(string socketPath, string token)
    {
        var silent = new SilentSocket();
        await silent._socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), TestContext.Current.CancellationToken);
        await silent.SendAsync(new OutboundFrame(FrameKind.Hello, 0, "hello", new HelloBody { ProtocolVersion = ProtocolVersion.Current, Token = token, Client = "silent" }));
        return silent;
    }

    public Task SendAsync(OutboundFrame frame) => SendBytesAsync(FrameEnvelope.Encode(frame));

    public Task SendRequestAsync(uint id, string operation, IWireWritable body) => SendAsync(OutboundFrame.Request(id, operation, body));

    public async Task SendBytesAsync(ReadOnlyMemory<byte> bytes) => await _socket.SendAsync(bytes, SocketFlags.None, TestContext.Current.CancellationToken);

    /// <summary>Reads everything until the other side closes; returns the frames (the broker closed us if this returns).</summary>
    public async Task<List<InboundFrame>> DrainUntilClosedAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        var received = new ArrayBufferWriter<byte>();
        while (true)
        {
            Memory<byte> memory = received.GetMemory(64 * 1024);
            int read;
            try
            {
                read = await _socket.ReceiveAsync(memory, SocketFlags.None, deadline.Token);
            }
            catch (SocketException)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            received.Advance(read);
        }

        var frames = new List<InboundFrame>();
        var buffer = new ReadOnlySequence<byte>(received.WrittenMemory);
        while (FrameCodec.TryReadFrame(ref buffer, 16 * 1024 * 1024, out ReadOnlySequence<byte> body))
        {
            frames.Add(FrameEnvelope.Decode(body));
        }

        return frames;
    }

    public void Dispose() => _socket.Dispose();
}
