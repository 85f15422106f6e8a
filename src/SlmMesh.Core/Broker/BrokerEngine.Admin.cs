using System.Reflection;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Broker;

internal sealed partial class BrokerEngine
{
    internal static readonly string Version =
        typeof(BrokerEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private bool _maintenanceDue;

    private BrokerStatus Status()
    {
        long now = Now;
        ExpireLocks(now);
        (long database, long wal) = _store.FileSizes();
        int active = 0;
        int away = 0;
        foreach (PeerState peer in _peers.Values)
        {
            if (peer.Ephemeral)
            {
                continue;
            }

            if (peer.IsConnected)
            {
                active++;
            }
            else
            {
                away++;
            }
        }

        return new BrokerStatus
        {
            Version = Version,
            ProtocolVersion = ProtocolVersion.Current,
            ProcessId = Environment.ProcessId,
            StartedAt = _startedAt,
            UptimeMs = now - _startedAt,
            Home = _home.Directory,
            SocketPath = _home.SocketPath,
            DatabasePath = _home.DatabasePath,
            PeersActive = active,
            PeersAway = away,
            Connections = _sessions.Count,
            MessagesTotal = _store.CountMessages(),
            MessagesUnread = _store.CountUnread(now),
            LocksActive = _locks.Count,
            EventsTotal = _store.CountEvents(),
            LastEventId = _store.LastEventId(),
            DatabaseBytes = database,
            WalBytes = wal,
        };
    }

    /// <summary>Prunes now and compacts. Runs outside the batch transaction (VACUUM cannot run inside one).</summary>
    private CleanResponse Clean()
    {
        long now = Now;
        int expired = ExpireLocks(now);
        _store.CommitBatch();
        try
        {
            (long database, long wal) before = _store.FileSizes();
            (long messages, long events) = Prune(now);
            _store.Compact();
            (long database, long wal) after = _store.FileSizes();
            return new CleanResponse
            {
                MessagesPruned = messages,
                EventsPruned = events,
                LocksExpired = expired,
                DatabaseBytesBefore = before.database + before.wal,
                DatabaseBytesAfter = after.database + after.wal,
            };
        }
        finally
        {
            _store.BeginBatch();
        }
    }

    private EmptyBody Shutdown(BrokerSession session)
    {
        Log.ShutdownRequested(_logger, session);
        _stopReason ??= "shutdown requested";
        return EmptyBody.Instance;
    }

    private (long Messages, long Events) Prune(long now) =>
        _store.Prune(now, now - (long)_options.ReadMessageRetention.TotalMilliseconds, now - (long)_options.EventRetention.TotalMilliseconds);

    /// <summary>Retention and WAL checkpoint, between batches.</summary>
    private void RunMaintenance()
    {
        _maintenanceDue = false;
        try
        {
            (long messages, long events) = Prune(Now);
            _store.Checkpoint(truncate: true);
            Log.Maintenance(_logger, messages, events);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            Log.StorageFault(_logger, ex.SqliteErrorCode, ex.Message);
        }
    }
}
