using SlmMesh.Client;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh;

public sealed partial class MeshClient
{
    // Short: after a broker crash the new one is up within a few hundred ms and peers must be back within a second.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(50);

    /// <summary>Finds (or starts) the broker, connects, and registers or attaches as the role says.</summary>
    private async Task<FrameConnection> ConnectAndRegisterAsync(CancellationToken cancellationToken)
    {
        long deadline = Environment.TickCount64 + (long)_options.ConnectTimeout.TotalMilliseconds;
        for (int attempt = 0; ; attempt++)
        {
            FrameConnection connection = await EstablishAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await RegisterAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsBrokerLeaving(ex) && Environment.TickCount64 < deadline)
            {
                // The broker closed as we arrived (its idle shutdown, a crash): find or start the next one.
                Log.ReconnectFailed(_logger, attempt, ex.Message);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectionLostException ex)
            {
                throw new MeshException(MeshErrorCode.Unavailable, $"The broker closed the connection while this client registered: {ex.Message}", ex);
            }
        }
    }

    private static bool IsBrokerLeaving(Exception exception) =>
        exception is ConnectionLostException or MeshException { Code: MeshErrorCode.Unavailable };

    /// <summary>
    /// Registers (or attaches) on a new connection and restores subscriptions, within <see cref="MeshClientOptions.RequestTimeout"/>:
    /// a broker that accepts connections but never answers must not hang a connect or a reconnect.
    /// </summary>
    private async Task<FrameConnection> RegisterAsync(FrameConnection connection, CancellationToken callerToken)
    {
        _ = ReceiveAsync(connection);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        timeout.CancelAfter(_options.RequestTimeout);
        CancellationToken cancellationToken = timeout.Token;
        try
        {
            RegisterResponse? registered = _options.Role switch
            {
                MeshClientRole.Peer => await SendRequestAsync<RegisterResponse>(connection, MeshOperations.Register, _registration!, cancellationToken).ConfigureAwait(false),
                MeshClientRole.AgentHelper => await SendRequestAsync<RegisterResponse>(connection, MeshOperations.Attach, new AttachRequest { PeerId = _options.PeerId, Cwd = _options.Cwd }, cancellationToken).ConfigureAwait(false),
                _ => null,
            };
            if (registered is not null)
            {
                PeerId = registered.Peer.Id;
                Self = registered.Peer;
            }

            await RestoreSubscriptionsAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new MeshException(
                MeshErrorCode.Timeout,
                $"The broker for {Home.Directory} accepted the connection but did not answer the registration within {_options.RequestTimeout.TotalSeconds:0.#} s. See {Home.LogPath}.");
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connects to the home's broker, starting one through the launcher when none answers.</summary>
    private async Task<FrameConnection> EstablishAsync(CancellationToken cancellationToken)
    {
        Home.EnsureExists();
        long deadline = Environment.TickCount64 + (long)_options.ConnectTimeout.TotalMilliseconds;
        for (int attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            MeshException failure;
            string? token = Home.ReadToken();
            if (token is not null && File.Exists(Home.SocketPath))
            {
                try
                {
                    return await FrameConnector.ConnectAsync(
                        new FrameConnectorOptions { SocketPath = Home.SocketPath, Token = token, ClientName = _options.ClientName },
                        _logger,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (MeshException ex) when (ex.Code is MeshErrorCode.Unavailable or MeshErrorCode.Unauthorized or MeshErrorCode.Timeout)
                {
                    // Not up yet, gone, or restarted with a new token: look again.
                    failure = ex;
                }
            }
            else
            {
                failure = new MeshException(MeshErrorCode.Unavailable, $"No broker is running for {Home.Directory}.");
            }

            if (_launcher is null)
            {
                throw failure;
            }

            await _launcher.StartAsync(Home, cancellationToken).ConfigureAwait(false);
            if (Environment.TickCount64 > deadline)
            {
                throw new MeshException(
                    MeshErrorCode.Unavailable,
                    $"No broker answered within {_options.ConnectTimeout.TotalSeconds:0.#} s for {Home.Directory}: {failure.Message} See {Home.LogPath}.",
                    failure);
            }

            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 5 * (1 << Math.Min(attempt, 8))));

    private void Activate(FrameConnection connection)
    {
        lock (_gate)
        {
            _connection = connection;
            _ready.TrySetResult(connection);
        }

        SetState(MeshConnectionState.Connected);
        Log.Connected(_logger, Home.SocketPath, PeerId);
        if (!connection.IsOpen)
        {
            // It dropped while we were registering: the receive loop may have missed the swap.
            OnDisconnected(connection);
        }
    }

    private async Task ReceiveAsync(FrameConnection connection)
    {
        try
        {
            await foreach (InboundFrame frame in connection.Incoming.ReadAllAsync().ConfigureAwait(false))
            {
                Dispatch(connection, frame);
            }
        }
        catch (Exception ex)
        {
            Log.ReceiveFailed(_logger, ex);
        }
        finally
        {
            await connection.Completion.ConfigureAwait(false);
            OnDisconnected(connection);
        }
    }

    private void Dispatch(FrameConnection connection, in InboundFrame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Response or FrameKind.Error when frame.Id != 0:
                if (_pending.TryRemove(frame.Id, out PendingRequest? pending))
                {
                    pending.Complete(frame);
                }

                break;
            case FrameKind.Error:
                Log.ConnectionError(_logger, frame.Name, connection.Description);
                break;
            case FrameKind.Push:
                try
                {
                    HandlePush(frame);
                }
                catch (MeshException ex)
                {
                    Log.BadPush(_logger, frame.Name, ex.Message);
                }

                break;
        }
    }

    private void OnDisconnected(FrameConnection connection)
    {
        lock (_gate)
        {
            if (_connection != connection)
            {
                // Never activated, or already replaced: fail its requests only.
                FailPending(connection);
                return;
            }

            _connection = null;
            _ready = NewReady();
        }

        FailPending(connection);
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        Log.Disconnected(_logger, connection.CloseReason?.Message ?? "closed");
        if (!_options.Reconnect)
        {
            _ready.TrySetException(new MeshException(MeshErrorCode.Unavailable, "The connection to the broker closed."));
            SetState(MeshConnectionState.Closed);
            return;
        }

        SetState(MeshConnectionState.Reconnecting);
        _reconnecting = Task.Run(ReconnectAsync);
    }

    private void FailPending(FrameConnection connection)
    {
        foreach ((uint id, PendingRequest pending) in _pending)
        {
            if (pending.Connection == connection && _pending.TryRemove(id, out _))
            {
                pending.Fail(new ConnectionLostException());
            }
        }
    }

    private async Task ReconnectAsync()
    {
        CancellationToken disposing = _disposing.Token;
        for (int attempt = 0; !disposing.IsCancellationRequested; attempt++)
        {
            try
            {
                FrameConnection connection = await ConnectAndRegisterAsync(disposing).ConfigureAwait(false);
                Activate(connection);
                return;
            }
            catch (OperationCanceledException) when (disposing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is MeshException or IOException)
            {
                Log.ReconnectFailed(_logger, attempt, ex.Message);
                try
                {
                    await Task.Delay(Backoff(attempt), disposing).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task SayGoodbyeAsync(FrameConnection connection)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await FlushAcksAsync(connection, timeout.Token).ConfigureAwait(false);
            if (_options.Role == MeshClientRole.Peer)
            {
                await SendRequestAsync<EmptyBody>(connection, MeshOperations.Leave, EmptyBody.Instance, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is MeshException or IOException or OperationCanceledException)
        {
            // Best effort: the broker notices the closed connection anyway.
        }
    }

    /// <summary>Cuts the connection as a crash would (tests of reconnects and redelivery).</summary>
    internal void AbortConnectionForTesting()
    {
        FrameConnection? connection;
        lock (_gate)
        {
            connection = _connection;
        }

        connection?.Abort(new IOException("Aborted by a test."));
    }
}
