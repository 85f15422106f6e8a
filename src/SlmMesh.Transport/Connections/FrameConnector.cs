using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Transport.Connections;

/// <summary>Connects to a broker's socket and performs the hello/welcome handshake.</summary>
public static class FrameConnector
{
    /// <summary>Connects and authenticates.</summary>
    /// <param name="options">Where to connect and with which token.</param>
    /// <param name="logger">Where the connection logs, or null.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>An open connection whose <see cref="FrameConnection.Welcome"/> is set.</returns>
    /// <exception cref="MeshException">
    /// <c>unavailable</c> (no socket, nobody listening, closed during the handshake), <c>timeout</c>,
    /// <c>unauthorized</c> (wrong token or user), <c>unsupported_version</c>, <c>protocol_error</c>.
    /// </exception>
    public static async Task<FrameConnection> ConnectAsync(FrameConnectorOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = options.SocketPath;
        if (!File.Exists(path))
        {
            throw new MeshException(MeshErrorCode.Unavailable, $"No broker is running: the socket {path} does not exist.");
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
        {
            socket.Dispose();
            throw new MeshException(MeshErrorCode.Unavailable, $"No broker is running: nobody accepts connections on {path} (a socket left by a broker that stopped).", ex);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new MeshException(MeshErrorCode.Unavailable, $"Cannot connect to the broker at {path}: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new MeshException(MeshErrorCode.Timeout, $"Connecting to {path} took longer than {options.ConnectTimeout.TotalSeconds:0.#} s.", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new FrameConnection(socket, options.Connection, $"broker at {path}", logger);
        connection.Start();
        try
        {
            connection.Welcome = await HandshakeAsync(connection, options, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Abort();
            await connection.Completion.ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<WelcomeBody> HandshakeAsync(FrameConnection connection, FrameConnectorOptions options, CancellationToken cancellationToken)
    {
        var hello = new HelloBody
        {
            ProtocolVersion = options.ProtocolVersion,
            Token = options.Token,
            Client = options.ClientName,
            ProcessId = Environment.ProcessId,
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HandshakeTimeout);
        InboundFrame reply;
        try
        {
            await connection.SendAsync(new OutboundFrame(FrameKind.Hello, 0, "hello", hello), timeout.Token).ConfigureAwait(false);
            reply = await connection.Incoming.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MeshException(MeshErrorCode.Timeout, $"The broker did not answer the hello within {options.HandshakeTimeout.TotalSeconds:0.#} s.", ex);
        }
        catch (Exception ex) when (ex is ChannelClosedException or IOException)
        {
            // A broker may refuse before reading the hello (a process of another user) and close at once: its
            // error frame can already be waiting when sending the hello fails. That refusal is the answer.
            if (connection.Incoming.TryRead(out InboundFrame early) && early.Kind == FrameKind.Error)
            {
                throw new MeshException(early.ReadBody<ErrorBody>());
            }

            throw new MeshException(MeshErrorCode.Unavailable, "The broker closed the connection during the handshake.", ex);
        }

        return reply.Kind switch
        {
            FrameKind.Welcome => reply.ReadBody<WelcomeBody>(),
            FrameKind.Error => throw new MeshException(reply.ReadBody<ErrorBody>()),
            _ => throw new MeshException(MeshErrorCode.ProtocolError, $"The broker answered the hello with a {reply.Kind} frame."),
        };
    }
}
