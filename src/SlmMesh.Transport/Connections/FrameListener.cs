using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Transport.Connections;

/// <summary>
/// Accepts connections on a Unix domain socket and authenticates each one's first frame (protocol version,
/// token and, where the platform tells, the user id). An authenticated connection is handed to the
/// callback, which owns it until its task completes; the listener then disposes it.
/// </summary>
public sealed partial class FrameListener : IAsyncDisposable
{
    private readonly FrameListenerOptions _options;
    private readonly Func<FrameConnection, CancellationToken, Task> _onConnection;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stopAccepting = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<long, (FrameConnection Connection, Task Handler)> _connections = new();
    private readonly byte[] _token;
    private readonly uint? _allowedUserId;
    private Task _acceptLoop = Task.CompletedTask;
    private TaskCompletionSource _connectionsChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextConnectionId;
    private int _disposed;

    private FrameListener(FrameListenerOptions options, Func<FrameConnection, CancellationToken, Task> onConnection, ILogger? logger)
    {
        _options = options;
        _onConnection = onConnection;
        _logger = logger ?? NullLogger.Instance;
        _token = Encoding.UTF8.GetBytes(options.Token);
        _allowedUserId = options.AllowedUserId ?? PeerCredentials.CurrentUserId();
        _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    }

    /// <summary>The socket path listened on.</summary>
    public string SocketPath => _options.SocketPath;

    /// <summary>How many connections are open (authenticated or still in their handshake).</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Completes once <see cref="ConnectionCount"/> is <paramref name="count"/>: lets tests and shutdown wait without polling.</summary>
    internal async Task WaitForConnectionCountAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed = Volatile.Read(ref _connectionsChanged).Task;
            if (_connections.Count == count)
            {
                return;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Binds the socket (replacing a stale file at the path), restricts it to the owner (0600) and starts
    /// accepting.
    /// </summary>
    /// <param name="options">Where to listen and whom to let in.</param>
    /// <param name="onConnection">Runs one authenticated connection; the connection is disposed when it returns.</param>
    /// <param name="logger">Where to log, or null.</param>
    /// <returns>The listening listener.</returns>
    /// <exception cref="MeshException"><c>unavailable</c>: the socket cannot be bound.</exception>
    public static FrameListener Start(
        FrameListenerOptions options,
        Func<FrameConnection, CancellationToken, Task> onConnection,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onConnection);
        var listener = new FrameListener(options, onConnection, logger);
        try
        {
            listener.Bind();
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            listener._socket.Dispose();
            throw new MeshException(MeshErrorCode.Unavailable, $"Cannot listen on {options.SocketPath}: {ex.Message}", ex);
        }

        listener._acceptLoop = Task.Run(listener.AcceptLoopAsync);
        return listener;
    }

    /// <summary>
    /// Stops accepting, closes every connection (each gets an <c>unavailable</c> error frame), cancels the
    /// handlers' token, waits for the handlers and removes the socket file.
    /// </summary>
    /// <returns>A task that completes when everything is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopAccepting.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _acceptLoop.ConfigureAwait(false);

        // Queue the error frames before the handlers see the cancellation, so that a handler reacting to it
        // cannot close its connection first and lose the frame.
        foreach ((FrameConnection connection, _) in _connections.Values)
        {
            connection.Close(new ErrorBody { Code = MeshErrorCode.Unavailable, Message = "The broker is shutting down." });
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_connections.Values.Select(c => c.Handler)).ConfigureAwait(false);
        TryDeleteSocketFile();
        _stopAccepting.Dispose();
        _shutdown.Dispose();
    }

    private void Bind()
    {
        string path = _options.SocketPath;
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        _socket.Bind(new UnixDomainSocketEndPoint(path));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _socket.Listen(_options.Backlog);
    }

    private async Task AcceptLoopAsync()
    {
        CancellationToken stop = _stopAccepting.Token;
        while (!stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException ex)
            {
                // Out of descriptors and the like: keep serving the connections we have.
                Log.AcceptFailed(_logger, ex.SocketErrorCode.ToString(), ex);
                continue;
            }

            long id = Interlocked.Increment(ref _nextConnectionId);
            var connection = new FrameConnection(accepted, _options.Connection, Describe(id, accepted), _logger);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task handler = RunConnectionAsync(id, connection, started.Task);
            _connections[id] = (connection, handler);
            OnConnectionsChanged();
            started.SetResult();
        }
    }

    private async Task RunConnectionAsync(long id, FrameConnection connection, Task registered)
    {
        await registered.ConfigureAwait(false);
        try
        {
            connection.Start();
            ErrorBody? refusal = await HandshakeAsync(id, connection).ConfigureAwait(false);
            if (refusal is not null)
            {
                Log.Refused(_logger, connection.Description, refusal.Code, refusal.Message);
                connection.Close(refusal);
                return;
            }

            await _onConnection(connection, _shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // The listener is stopping: the connection already has its error frame and closes below.
        }
        catch (Exception ex)
        {
            // A handler failure costs this connection, never the listener.
            Log.HandlerFailed(_logger, connection.Description, ex);
            connection.Abort(ex);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            _connections.TryRemove(id, out _);
            OnConnectionsChanged();
        }
    }

    private void OnConnectionsChanged() =>
        Interlocked.Exchange(ref _connectionsChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task<ErrorBody?> HandshakeAsync(long id, FrameConnection connection)
    {
        if (_options.RequireSameUser && connection.RemoteCredentials is { } credentials && _allowedUserId is { } allowed && credentials.UserId != allowed)
        {
            return Refusal(MeshErrorCode.Unauthorized, $"Connections from user {credentials.UserId} are refused: the broker serves user {allowed} only.");
        }

        InboundFrame first;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token))
        {
            timeout.CancelAfter(_options.HandshakeTimeout);
            try
            {
                first = await connection.Incoming.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_shutdown.IsCancellationRequested)
            {
                return Refusal(MeshErrorCode.Timeout, $"No hello within {_options.HandshakeTimeout.TotalSeconds:0.#} s.");
            }
            catch (ChannelClosedException)
            {
                // Closed, or sent garbage (already answered with an error frame), before saying hello.
                return Refusal(MeshErrorCode.ProtocolError, connection.CloseReason?.Message ?? "The connection closed before its hello.");
            }
        }

        if (first.Kind != FrameKind.Hello)
        {
            return Refusal(MeshErrorCode.ProtocolError, $"The first frame must be a hello, not a {first.Kind.ToString().ToLowerInvariant()}.");
        }

        HelloBody hello;
        try
        {
            hello = first.ReadBody<HelloBody>();
        }
        catch (MeshException ex)
        {
            return Refusal(MeshErrorCode.ProtocolError, ex.Message);
        }

        if (hello.ProtocolVersion is < ProtocolVersion.Minimum or > ProtocolVersion.Current)
        {
            return Refusal(
                MeshErrorCode.UnsupportedVersion,
                $"The client speaks protocol version {hello.ProtocolVersion}; this broker speaks {ProtocolVersion.Minimum} to {ProtocolVersion.Current}.");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(hello.Token), _token))
        {
            return Refusal(MeshErrorCode.Unauthorized, "Wrong broker token: read broker.token again (the broker may have restarted).");
        }

        connection.Hello = hello;
        var welcome = new WelcomeBody
        {
            // The client's version is in the accepted range: the connection speaks it, not necessarily ours.
            ProtocolVersion = hello.ProtocolVersion,
            Broker = _options.BrokerName,
            BrokerProcessId = Environment.ProcessId,
            ConnectionId = id,
            MaxFrameSize = _options.Connection.MaxFrameSize,
            ServerTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        await connection.SendAsync(new OutboundFrame(FrameKind.Welcome, 0, "welcome", welcome), _shutdown.Token).ConfigureAwait(false);
        return null;
    }

    private static ErrorBody Refusal(string code, string message) => new() { Code = code, Message = message };

    private static string Describe(long id, Socket socket) =>
        PeerCredentials.TryGet(socket) is { } credentials
            ? $"connection {id} (pid {credentials.ProcessId})"
            : $"connection {id}";

    private void TryDeleteSocketFile()
    {
        try
        {
            File.Delete(_options.SocketPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.SocketNotRemoved(_logger, _options.SocketPath, ex.Message);
        }
    }
}
