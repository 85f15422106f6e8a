using SlmMesh.Client;
using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;
using SlmMesh.Transport.Wire;

namespace SlmMesh;

public sealed partial class MeshClient
{
    /// <summary>
    /// Sends a request and awaits its answer, waiting through a reconnect and retrying once the
    /// connection is back (requests are safe to repeat: sends carry their id, locks renew).
    /// <paramref name="brokerWait"/> is time the broker itself may take on purpose (a lock wait), added to the timeout.
    /// </summary>
    private async Task<T> RequestAsync<T>(string operation, IWireWritable body, CancellationToken cancellationToken, bool retry = true, TimeSpan brokerWait = default)
        where T : IWireMessage<T>
    {
        ThrowIfDisposed();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        timeout.CancelAfter(_options.RequestTimeout + brokerWait);
        try
        {
            while (true)
            {
                FrameConnection connection = await _ready.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    return await SendRequestAsync<T>(connection, operation, body, timeout.Token).ConfigureAwait(false);
                }
                catch (ConnectionLostException) when (retry && _options.Reconnect)
                {
                    // Try again on the next connection.
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ThrowIfDisposed();
            throw new MeshException(MeshErrorCode.Timeout, $"'{operation}' got no answer within {(_options.RequestTimeout + brokerWait).TotalSeconds:0.#} s.");
        }
        catch (ConnectionLostException ex)
        {
            throw new MeshException(MeshErrorCode.Unavailable, "The connection to the broker was lost.", ex);
        }
        catch (IOException ex)
        {
            throw new MeshException(MeshErrorCode.Unavailable, "The connection to the broker was lost.", ex);
        }
    }

    private async Task<T> SendRequestAsync<T>(FrameConnection connection, string operation, IWireWritable body, CancellationToken cancellationToken)
        where T : IWireMessage<T>
    {
        uint id = unchecked((uint)Interlocked.Increment(ref _nextRequestId));
        if (id == 0)
        {
            id = unchecked((uint)Interlocked.Increment(ref _nextRequestId));
        }

        var pending = new PendingRequest(connection);
        _pending[id] = pending;
        try
        {
            try
            {
                await connection.SendAsync(OutboundFrame.Request(id, operation, body), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new ConnectionLostException("The connection closed before the request was sent.", ex);
            }

            InboundFrame reply = await pending.Reply.WaitAsync(cancellationToken).ConfigureAwait(false);
            return reply.Kind == FrameKind.Error ? throw new MeshException(reply.ReadBody<ErrorBody>()) : reply.ReadBody<T>();
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }
}
