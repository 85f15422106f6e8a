using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using SlmMesh.Transport.Framing;

namespace SlmMesh.Transport.Connections;

public sealed partial class FrameConnection
{
    private const int FlushThreshold = 64 * 1024;

    private async Task WriteLoopAsync()
    {
        CancellationToken shutdown = _shutdown.Token;
        ChannelReader<EncodedFrame> queue = _outgoing.Reader;
        bool drained = false;
        try
        {
            while (await queue.WaitToReadAsync(shutdown).ConfigureAwait(false))
            {
                int unflushed = 0;
                while (queue.TryRead(out EncodedFrame frame))
                {
                    try
                    {
                        _output.Write(frame.Span);
                        unflushed += frame.Length;
                    }
                    finally
                    {
                        Interlocked.Add(ref _queuedBytes, -frame.Length);
                        frame.Return();
                    }

                    if (unflushed >= FlushThreshold)
                    {
                        await FlushAsync(shutdown).ConfigureAwait(false);
                        unflushed = 0;
                    }
                }

                await FlushAsync(shutdown).ConfigureAwait(false);
            }

            // Everything queued is written: tell the peer we are done sending.
            _socket.Shutdown(SocketShutdown.Send);
            drained = true;
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
            await CompleteOutputAsync(drained).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Completes the pipe. Unless everything was written, completes it with an error so that it drops the
    /// bytes it still buffers: writing them would block on a peer that stopped reading, forever.
    /// </summary>
    private async ValueTask CompleteOutputAsync(bool drained)
    {
        try
        {
            await _output.CompleteAsync(drained ? null : new IOException($"The connection to {Description} closed with data unsent.")).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The socket is gone; there is nothing left to complete.
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        FlushResult result = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new IOException($"The connection to {Description} stopped accepting data.");
        }
    }
}
