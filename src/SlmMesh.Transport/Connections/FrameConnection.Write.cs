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
        Exception? failure = null;
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
        }
        catch (OperationCanceledException ex) when (shutdown.IsCancellationRequested)
        {
            // Closing or aborted.
            failure = ex;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            failure = ex;
            Abort(ex);
        }
        catch (Exception ex)
        {
            // A defect, not bad input: log it and drop the connection rather than the process.
            failure = ex;
            Log.Unexpected(_logger, Description, ex);
            Abort(ex);
        }
        finally
        {
            // After a failure, complete without flushing: what is still buffered cannot go to a peer that stopped
            // reading (the flush would wait forever) or is gone (it would throw and the connection never finish).
            try
            {
                await _output.CompleteAsync(failure).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
            }
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
