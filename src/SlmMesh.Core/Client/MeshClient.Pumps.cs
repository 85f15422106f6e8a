using SlmMesh.Transport.Connections;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh;

public sealed partial class MeshClient
{
    private const int AckBatch = 1000;

    private readonly List<Func<MeshMessage, CancellationToken, ValueTask>> _messageHandlers = [];

    private void StartPumps()
    {
        _pumps.Add(Task.Run(PumpNotificationsAsync));
        _pumps.Add(Task.Run(PumpAcksAsync));
        _pumps.Add(Task.Run(PumpEventsAsync));
    }

    private void HandlePush(in InboundFrame frame)
    {
        switch (frame.Name)
        {
            case MeshPushes.Message:
                MeshMessage message = frame.ReadBody<MeshMessage>();
                if (_received.Add(message))
                {
                    _notifications.Writer.TryWrite(message);
                }
                else if (_options.AutoAcknowledge && !_received.IsPending(message.Id))
                {
                    // Redelivered although the application took it: its acknowledgement was lost, send it again.
                    _acks.Writer.TryWrite(message.Id);
                }

                break;
            case MeshPushes.Event:
                _eventQueue.Writer.TryWrite(frame.ReadBody<MeshEvent>());
                break;
        }
    }

    private async Task PumpNotificationsAsync()
    {
        CancellationToken disposing = _disposing.Token;
        try
        {
            await foreach (MeshMessage message in _notifications.Reader.ReadAllAsync(disposing).ConfigureAwait(false))
            {
                Func<MeshMessage, CancellationToken, ValueTask>[] handlers;
                lock (_messageHandlers)
                {
                    handlers = [.. _messageHandlers];
                }

                foreach (Func<MeshMessage, CancellationToken, ValueTask> handler in handlers)
                {
                    try
                    {
                        await handler(message, disposing).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Log.HandlerFailed(_logger, MeshPushes.Message, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (disposing.IsCancellationRequested)
        {
        }
    }

    private async Task PumpAcksAsync()
    {
        CancellationToken disposing = _disposing.Token;
        var batch = new List<string>();
        try
        {
            while (await _acks.Reader.WaitToReadAsync(disposing).ConfigureAwait(false))
            {
                while (batch.Count < AckBatch && _acks.Reader.TryRead(out string? id))
                {
                    batch.Add(id);
                }

                try
                {
                    await RequestAsync<AckResponse>(MeshOperations.Acknowledge, new AckRequest { Ids = [.. batch] }, disposing).ConfigureAwait(false);
                }
                catch (MeshException ex)
                {
                    // They stay unread and come again after a reconnect; the client drops the repeats.
                    Log.AckFailed(_logger, batch.Count, ex.Message);
                }

                batch.Clear();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task FlushAcksAsync(FrameConnection connection, CancellationToken cancellationToken)
    {
        var batch = new List<string>();
        while (_acks.Reader.TryRead(out string? id))
        {
            batch.Add(id);
        }

        if (batch.Count > 0)
        {
            await SendRequestAsync<AckResponse>(connection, MeshOperations.Acknowledge, new AckRequest { Ids = batch }, cancellationToken).ConfigureAwait(false);
        }
    }
}
