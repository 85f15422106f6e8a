using SlmMesh.Discovery;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Broker;

internal sealed partial class BrokerEngine
{
    private const long LivenessInterval = 1000;

    private void OnTick()
    {
        long now = Now;
        ExpireLocks(now);
        ExpireLockWaiters(now);
        bool checkLiveness = now >= _nextLivenessCheck;
        if (checkLiveness)
        {
            _nextLivenessCheck = now + LivenessInterval;
        }

        foreach (PeerState peer in _peers.Values.ToList())
        {
            if (!peer.IsConnected && peer.Ephemeral)
            {
                // Its process is meant to be gone: only the addressable period ends it.
                if (now >= peer.LeaveAt)
                {
                    Forget(peer);
                }
            }
            else if (!peer.IsConnected)
            {
                if (now >= peer.LeaveAt)
                {
                    Leave(peer, peer.LeaveReason);
                }
                else if (checkLiveness && !ProcessTree.IsAlive(peer.Info.ProcessId))
                {
                    Leave(peer, PeerLeaveReasons.ProcessExited);
                }
            }
        }

        if (now >= _nextMaintenance)
        {
            _nextMaintenance = now + (long)_options.MaintenanceInterval.TotalMilliseconds;
            _maintenanceDue = true;
        }

        CheckIdle(now);
    }

    private void CheckIdle(long now)
    {
        if (_sessions.Count > 0 || _idleSince == 0 || _options.IdleShutdown == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        foreach (PeerState peer in _peers.Values)
        {
            if (!peer.Ephemeral && peer.LeaveAt > now)
            {
                // Someone may still come back (a reconnect or a restart): wait for them.
                return;
            }
        }

        if (now - _idleSince >= (long)_options.IdleShutdown.TotalMilliseconds)
        {
            Log.IdleShutdown(_logger, (long)_options.IdleShutdown.TotalSeconds);
            _stopReason ??= "idle";
        }
    }

    /// <summary>At start: peers of a previous broker get a grace period to come back; expired locks go.</summary>
    private void LoadState()
    {
        long now = Now;
        _store.BeginBatch();
        foreach ((PeerInfo info, bool ephemeral) in _store.LoadPeers())
        {
            if (ephemeral)
            {
                long until = info.LastSeen + (long)_options.MessageTtl.TotalMilliseconds;
                if (until <= now)
                {
                    _store.DeletePeer(info.Id);
                }
                else
                {
                    _peers[info.Id] = new PeerState(info with { Connected = false }, ephemeral) { LeaveAt = until, LeaveReason = PeerLeaveReasons.Left };
                }

                continue;
            }

            _peers[info.Id] = new PeerState(info with { Connected = false }, ephemeral)
            {
                LeaveAt = now + (long)_options.RestartGrace.TotalMilliseconds,
                LeaveReason = PeerLeaveReasons.BrokerRestart,
            };
        }

        foreach (LockInfo lockInfo in _store.LoadLocks())
        {
            _locks.Set(lockInfo);
        }

        ExpireLocks(now);
        _store.CommitBatch();
        FlushOutputs();
    }

    /// <summary>After a failed commit: memory follows the database again. Connections keep their peers where they still exist.</summary>
    private void ReloadState()
    {
        var sessionsByPeer = new Dictionary<string, BrokerSession>(StringComparer.Ordinal);
        foreach (PeerState peer in _peers.Values)
        {
            if (peer.Session is { } session)
            {
                sessionsByPeer[peer.Id] = session;
            }
        }

        try
        {
            var peers = _store.LoadPeers();
            var locks = _store.LoadLocks();
            _peers.Clear();
            foreach ((PeerInfo info, bool ephemeral) in peers)
            {
                var state = new PeerState(info, ephemeral);
                if (sessionsByPeer.TryGetValue(info.Id, out BrokerSession? session))
                {
                    state.Session = session;
                    state.Info = info with { Connected = true };
                }
                else
                {
                    state.LeaveAt = Now + (long)_options.AwayGrace.TotalMilliseconds;
                    state.LeaveReason = PeerLeaveReasons.Disconnected;
                }

                _peers[info.Id] = state;
            }

            foreach (BrokerSession session in _sessions)
            {
                session.Peer = session.Peer is { } peer && _peers.TryGetValue(peer.Id, out PeerState? reloaded) ? reloaded : null;
            }

            _locks.Clear();
            foreach (LockInfo lockInfo in locks)
            {
                _locks.Set(lockInfo);
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            Log.StorageFault(_logger, ex.SqliteErrorCode, ex.Message);
        }
    }

    /// <summary>Peers connected now, for the broker's own reporting.</summary>
    internal int ConnectedPeerCount => _peers.Values.Count(p => p.IsConnected && !p.Ephemeral);

    private static ErrorBody ShuttingDown => new() { Code = MeshErrorCode.Unavailable, Message = "The broker is shutting down." };
}
