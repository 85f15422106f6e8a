using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SlmMesh.Discovery;
using SlmMesh.Store;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Broker;

/// <summary>Storage faults (disk full, read-only, locked, I/O): requests get <c>storage_error</c>, the broker keeps serving.</summary>
internal sealed partial class BrokerEngine
{
    /// <summary>A write failed: roll the whole batch back, answer each of its requests with the error, and reload memory.</summary>
    private void FailBatch(SqliteException ex)
    {
        Log.StorageFault(_logger, ex.SqliteErrorCode, ex.Message);
        try
        {
            _store.RollbackBatch();
        }
        catch (SqliteException rollback)
        {
            Log.StorageFault(_logger, rollback.SqliteErrorCode, rollback.Message);
        }

        _outputs.Clear();
        ErrorBody error = StorageError(ex);
        foreach ((BrokerSession session, uint id) in _batchRequests)
        {
            _outputs.Add((session, OutboundFrame.Error(id, error)));
        }

        ReloadState();
        RestartBacklogs();
    }

    /// <summary>
    /// No transaction could even start: answer the next batch's requests with the error without running them
    /// (so nothing half-happens), and keep connections' comings and goings in memory only. Consuming the batch
    /// matters: leaving it queued would spin on the failing BEGIN while every request waited for its timeout.
    /// </summary>
    private void RefuseBatch(ChannelReader<EngineCommand> reader, SqliteException ex)
    {
        Log.StorageFault(_logger, ex.SqliteErrorCode, ex.Message);
        ErrorBody error = StorageError(ex);
        for (int n = 0; n < MaxBatch && _stopReason is null && reader.TryRead(out EngineCommand command); n++)
        {
            switch (command.Kind)
            {
                case EngineCommandKind.Opened:
                    _sessions.Add(command.Session!);
                    _idleSince = 0;
                    break;
                case EngineCommandKind.Request when !command.Session!.IsClosed && command.Frame.Kind == FrameKind.Request:
                    _outputs.Add((command.Session, OutboundFrame.Error(command.Frame.Id, error)));
                    break;
                case EngineCommandKind.Closed:
                    CloseSessionInMemory(command.Session!);
                    break;
                case EngineCommandKind.Tick:
                    // Skipped, as its writes would be; the timer may queue the next one.
                    Volatile.Write(ref _tickQueued, 0);
                    break;
                case EngineCommandKind.Invoke:
                    command.Work!();
                    break;
            }
        }
    }

    /// <summary>A connection closed while nothing can be written: its peer is away, and leaves on a later tick once writes work again.</summary>
    private void CloseSessionInMemory(BrokerSession session)
    {
        if (DetachClosedSession(session, out long now) is { } peer)
        {
            if (peer.Ephemeral)
            {
                // Its row goes with the next start's cleanup; its locks live until their TTL, as usual.
                _peers.Remove(peer.Id);
            }
            else
            {
                peer.LeaveAt = now + (long)_options.AwayGrace.TotalMilliseconds;
                peer.LeaveReason = ProcessTree.IsAlive(peer.Info.ProcessId) ? PeerLeaveReasons.Disconnected : PeerLeaveReasons.ProcessExited;
            }
        }

        if (_sessions.Count == 0)
        {
            _idleSince = Now;
        }
    }

    private ErrorBody StorageError(SqliteException ex) => new()
    {
        Code = MeshErrorCode.StorageError,
        Message = $"The broker could not write to its database ({ex.Message.TrimEnd('.')}); nothing was changed. Free disk space or check {_home.DatabasePath}.",
    };

    /// <summary>Redeliveries pushed in a failed batch were dropped with it: start those backlogs again (the clients drop repeats).</summary>
    private void RestartBacklogs()
    {
        foreach (BrokerSession session in _sessions)
        {
            if (session.Peer is { } peer && peer.Session == session && (session.BacklogPending || session.BacklogOutstanding.Count > 0))
            {
                try
                {
                    PushUnread(session, peer);
                }
                catch (SqliteException ex) when (MeshStore.IsStorageFault(ex))
                {
                    Log.StorageFault(_logger, ex.SqliteErrorCode, ex.Message);
                    return;
                }
            }
        }
    }
}
