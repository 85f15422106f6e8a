using System.Net.Sockets;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Transport.Connections;

/// <summary>
/// A duplex frame connection over a Unix domain socket. A read loop parses frames into
/// <see cref="Incoming"/> (bounded: reading pauses when the consumer lags); a write loop drains a bounded
/// outgoing queue into the socket, batching frames into as few writes as it can. Bad input gets an error
/// frame, then the connection closes; nothing the peer sends can throw out of the loops.
/// </summary>
public sealed partial class FrameConnection : IAsyncDisposable
{
    private const int Open = 0;
    private const int Closing = 1;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<InboundFrame> _incoming;
    private readonly Channel<EncodedFrame> _outgoing;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private int _state;
    private int _started;
    private int _finished;
    private long _queuedBytes;
    private Exception? _closeReason;

    internal FrameConnection(Socket socket, FrameConnectionOptions options, string description, ILogger? logger)
    {
        _socket = socket;
        Options = options;
        Description = description;
        _logger = logger ?? NullLogger.Instance;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true));
        _output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));
        _incoming = Channel.CreateBounded<InboundFrame>(new BoundedChannelOptions(options.IncomingQueueCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _outgoing = Channel.CreateBounded<EncodedFrame>(new BoundedChannelOptions(options.OutgoingQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        RemoteCredentials = PeerCredentials.TryGet(socket);
    }

    /// <summary>The limits this connection enforces.</summary>
    public FrameConnectionOptions Options { get; }

    /// <summary>Who this connection is with, for logs (socket path and, where known, the peer pid).</summary>
    public string Description { get; }

    /// <summary>The kernel's word on the process at the other end, where the platform gives it.</summary>
    public PeerCredentials? RemoteCredentials { get; }

    /// <summary>On a broker-side connection: the client's hello, once the handshake has passed.</summary>
    public HelloBody? Hello { get; internal set; }

    /// <summary>On a client-side connection: the broker's welcome, once the handshake has passed.</summary>
    public WelcomeBody? Welcome { get; internal set; }

    /// <summary>Frames received, in order. Completes when the connection closes.</summary>
    public ChannelReader<InboundFrame> Incoming => _incoming.Reader;

    /// <summary>Completes when both loops have ended and the socket is closed. Never faults.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Why the connection closed, when it was not a clean close by either side.</summary>
    public Exception? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>Whether the connection is open for sending.</summary>
    public bool IsOpen => Volatile.Read(ref _state) == Open;

    /// <summary>
    /// Queues a frame without waiting. Returns false when the outgoing queue is full or the connection is
    /// closing; a broker treats that as a peer that stopped reading.
    /// </summary>
    /// <param name="frame">The frame.</param>
    /// <returns>Whether the frame was queued.</returns>
    /// <exception cref="MeshException"><c>too_large</c>: the encoded frame exceeds the maximum frame size.</exception>
    public bool TrySend(in OutboundFrame frame)
    {
        EncodedFrame encoded = EncodedFrame.Encode(frame, Options.MaxFrameSize);

        // One frame always fits an empty queue, however large; beyond that the byte limit holds.
        long before = Interlocked.Add(ref _queuedBytes, encoded.Length) - encoded.Length;
        if ((before == 0 || before + encoded.Length <= Options.MaxOutgoingBytes) && _outgoing.Writer.TryWrite(encoded))
        {
            return true;
        }

        Interlocked.Add(ref _queuedBytes, -encoded.Length);
        encoded.Return();
        return false;
    }

    /// <summary>Queues a frame, waiting while the outgoing queue is full.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes once the frame is queued.</returns>
    /// <exception cref="MeshException"><c>too_large</c>: the encoded frame exceeds the maximum frame size.</exception>
    /// <exception cref="IOException">The connection is closed.</exception>
    public async ValueTask SendAsync(OutboundFrame frame, CancellationToken cancellationToken = default)
    {
        EncodedFrame encoded = EncodedFrame.Encode(frame, Options.MaxFrameSize);
        Interlocked.Add(ref _queuedBytes, encoded.Length);
        if (_outgoing.Writer.TryWrite(encoded))
        {
            return;
        }

        try
        {
            await _outgoing.Writer.WriteAsync(encoded, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            Interlocked.Add(ref _queuedBytes, -encoded.Length);
            encoded.Return();
            throw new IOException($"The connection to {Description} is closed.", CloseReason ?? ex);
        }
        catch
        {
            Interlocked.Add(ref _queuedBytes, -encoded.Length);
            encoded.Return();
            throw;
        }
    }

    /// <summary>
    /// Closes gracefully: sends <paramref name="error"/> if given, writes what is queued, then closes,
    /// all within <see cref="FrameConnectionOptions.CloseTimeout"/>. Safe to call more than once.
    /// </summary>
    /// <param name="error">An error frame to send first, or null.</param>
    public void Close(ErrorBody? error = null)
    {
        if (Interlocked.CompareExchange(ref _state, Closing, Open) != Open)
        {
            return;
        }

        if (error is not null)
        {
            Interlocked.CompareExchange(ref _closeReason, new MeshException(error), null);
            try
            {
                EncodedFrame encoded = EncodedFrame.Encode(OutboundFrame.Error(0, error), Options.MaxFrameSize);
                Interlocked.Add(ref _queuedBytes, encoded.Length);
                if (!_outgoing.Writer.TryWrite(encoded))
                {
                    Interlocked.Add(ref _queuedBytes, -encoded.Length);
                    encoded.Return();
                }
            }
            catch (MeshException)
            {
                // An error too large to send: close without it.
            }
        }

        _outgoing.Writer.TryComplete();
        CancelAfter(Options.CloseTimeout);
        if (Volatile.Read(ref _started) == 0)
        {
            Finish();
        }
    }

    /// <summary>Closes at once, dropping queued frames.</summary>
    /// <param name="reason">Why, recorded as <see cref="CloseReason"/>.</param>
    public void Abort(Exception? reason = null)
    {
        if (reason is not null)
        {
            Interlocked.CompareExchange(ref _closeReason, reason, null);
        }

        Volatile.Write(ref _state, Closing);
        _outgoing.Writer.TryComplete();
        try
        {
            _shutdown.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        if (Volatile.Read(ref _started) == 0)
        {
            Finish();
        }
    }

    /// <summary>Closes gracefully (see <see cref="Close"/>) and waits until the socket is closed.</summary>
    /// <returns>A task that completes when the connection is fully closed.</returns>
    public async ValueTask DisposeAsync()
    {
        Close();
        await _completion.Task.ConfigureAwait(false);
    }

    internal void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        Task read = Task.Run(ReadLoopAsync);
        Task write = Task.Run(WriteLoopAsync);
        _ = FinishWhenDoneAsync(read, write);
    }

    private async Task FinishWhenDoneAsync(Task read, Task write)
    {
        try
        {
            await Task.WhenAll(read, write).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The loops catch what they expect; anything else is a defect, but it must not leave the
            // connection (and whoever awaits Completion) hanging.
            Log.Unexpected(_logger, Description, ex);
        }
        finally
        {
            Finish();
        }
    }

    private void Finish()
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        _incoming.Writer.TryComplete();
        _outgoing.Writer.TryComplete();
        while (_outgoing.Reader.TryRead(out EncodedFrame frame))
        {
            frame.Return();
        }

        _socket.Dispose();
        _stream.Dispose();
        _shutdown.Dispose();
        Log.Closed(_logger, Description, CloseReason?.Message ?? "closed");
        _completion.TrySetResult();
    }

    private void CancelAfter(TimeSpan delay)
    {
        try
        {
            _shutdown.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
