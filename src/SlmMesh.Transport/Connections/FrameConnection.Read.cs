using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Transport.Connections;

public sealed partial class FrameConnection
{
    private async Task ReadLoopAsync()
    {
        CancellationToken shutdown = _shutdown.Token;
        CancellationTokenSource? stallTimer = null;
        bool partialFrame = false;
        try
        {
            while (true)
            {
                if (partialFrame && (stallTimer is null || !stallTimer.TryReset()))
                {
                    // A timer that fired just as the bytes arrived cannot be reset: take a fresh one.
                    stallTimer?.Dispose();
                    stallTimer = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
                }

                ReadResult result = await ReadAsync(partialFrame ? stallTimer : null, shutdown).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                SequencePosition consumed = buffer.Start;
                try
                {
                    while (FrameCodec.TryReadFrame(ref buffer, Options.MaxFrameSize, out ReadOnlySequence<byte> body))
                    {
                        InboundFrame frame = FrameEnvelope.Decode(body);
                        consumed = buffer.Start;
                        if (!_incoming.Writer.TryWrite(frame))
                        {
                            await _incoming.Writer.WriteAsync(frame, shutdown).ConfigureAwait(false);
                        }
                    }

                    partialFrame = !buffer.IsEmpty;
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        if (partialFrame)
                        {
                            throw new MeshException(MeshErrorCode.ProtocolError, $"The connection ended in the middle of a frame ({buffer.Length} bytes left over).");
                        }

                        break;
                    }
                }
                finally
                {
                    _input.AdvanceTo(consumed, buffer.End);
                }
            }

            // The peer closed its side: finish writing what is queued, then close ours.
            Close();
        }
        catch (MeshException ex)
        {
            Log.BadInput(_logger, Description, ex.Code, ex.Message);
            Close(new ErrorBody { Code = ex.Code, Message = ex.Message });
            await DrainInputAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Closing or aborted.
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Abort(ex);
        }
        catch (Exception ex)
        {
            // A defect, not bad input: log it and drop the connection rather than the process.
            Log.Unexpected(_logger, Description, ex);
            Abort(ex);
        }
        finally
        {
            stallTimer?.Dispose();
            _incoming.Writer.TryComplete();
            try
            {
                await _input.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The socket is gone; there is nothing left to complete.
            }
        }
    }

    /// <summary>Reads more bytes; with a stall timer (in the middle of a frame), only for so long.</summary>
    private async ValueTask<ReadResult> ReadAsync(CancellationTokenSource? stallTimer, CancellationToken shutdown)
    {
        if (stallTimer is null)
        {
            return await _input.ReadAsync(shutdown).ConfigureAwait(false);
        }

        stallTimer.CancelAfter(Options.PartialFrameTimeout);
        try
        {
            return await _input.ReadAsync(stallTimer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!shutdown.IsCancellationRequested)
        {
            throw new MeshException(
                MeshErrorCode.ProtocolError,
                $"Incomplete frame: no more bytes arrived within {Options.PartialFrameTimeout.TotalSeconds:0.#} s.");
        }
    }

    /// <summary>
    /// After an error frame, reads and drops what the peer still sends until it closes or the close
    /// timeout fires: closing with unread input would reset the connection and could destroy the error
    /// frame before the peer reads it.
    /// </summary>
    private async Task DrainInputAsync()
    {
        try
        {
            while (true)
            {
                ReadResult result = await _input.ReadAsync(_shutdown.Token).ConfigureAwait(false);
                _input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Done draining either way.
        }
    }
}
