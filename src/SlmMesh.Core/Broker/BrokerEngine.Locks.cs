using SlmMesh.Coordination;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Broker;

internal sealed partial class BrokerEngine
{
    private const int MaxWaitersPerConnection = 64;

    private readonly LockTable _locks = new();
    private readonly List<LockWaiter> _lockWaiters = [];

    private LockInfo? AcquireLock(BrokerSession session, LockAcquireRequest request)
    {
        PeerState peer = RequirePeer(session);
        string path = LockPaths.Normalize(request.Path, request.Cwd ?? peer.Info.Cwd);
        long ttl = request.TtlMs == 0 ? (long)LockLimits.DefaultTtl.TotalMilliseconds : request.TtlMs;
        if (ttl < LockLimits.MinTtl.TotalMilliseconds || ttl > LockLimits.MaxTtl.TotalMilliseconds)
        {
            throw Invalid($"ttl must be between {LockLimits.MinTtl.TotalMinutes:0} and {LockLimits.MaxTtl.TotalMinutes:0} minutes.");
        }

        if (request.WaitMs < 0 || request.WaitMs > LockLimits.MaxWait.TotalMilliseconds)
        {
            throw Invalid($"wait must be between 0 and {LockLimits.MaxWait.TotalMinutes:0} minutes.");
        }

        long now = Now;
        ExpireLocks(now);
        LockInfo? conflict = _locks.FindConflict(path, peer.Id);
        if (conflict is null && !HasEarlierWaiter(path, peer.Id))
        {
            return Grant(peer, path, request.Reason, ttl, now);
        }

        if (request.WaitMs == 0)
        {
            throw LockedError(path, conflict ?? FirstWaiterConflict(path), now);
        }

        if (_lockWaiters.Count(w => w.Session == session) >= MaxWaitersPerConnection)
        {
            throw Invalid($"At most {MaxWaitersPerConnection} lock requests may wait per connection.");
        }

        _lockWaiters.Add(new LockWaiter(session, _currentRequestId, peer, path, request.Reason, ttl, now + request.WaitMs));
        return null;
    }

    private LockReleaseResponse ReleaseLock(BrokerSession session, LockReleaseRequest request)
    {
        PeerState peer = RequirePeer(session);
        string path = LockPaths.Normalize(request.Path, request.Cwd ?? peer.Info.Cwd);
        ExpireLocks(Now);
        if (_locks.Get(path) is not { } held)
        {
            return new LockReleaseResponse { Released = false, Path = path };
        }

        if (held.HolderId != peer.Id)
        {
            throw new MeshException(MeshErrorCode.Unauthorized, $"{path} is locked by {held.HolderName}, not by you: only the holder can release it.");
        }

        _locks.Remove(path);
        _store.DeleteLock(path);
        Emit(EventTypes.FileUnlocked, peer.Id, EventData.Of(("path", path), ("holderId", held.HolderId), ("holderName", held.HolderName), ("reason", "released")));
        GrantWaiters();
        return new LockReleaseResponse { Released = true, Path = path };
    }

    private LockListResponse QueryLocks(BrokerSession session, LockQueryRequest request)
    {
        ExpireLocks(Now);
        if (string.IsNullOrEmpty(request.Path))
        {
            return new LockListResponse { Locks = [.. _locks.All.OrderBy(l => l.Path, StringComparer.Ordinal)] };
        }

        string path = LockPaths.Normalize(request.Path, request.Cwd ?? session.Peer?.Info.Cwd);
        return new LockListResponse { Locks = _locks.Conflicting(path) };
    }

    private LockInfo Grant(PeerState peer, string path, string? reason, long ttl, long now)
    {
        LockInfo? own = _locks.Get(path);
        bool renewal = own is not null && own.HolderId == peer.Id;
        var granted = new LockInfo
        {
            Path = path,
            IsGlob = LockPaths.IsGlob(path),
            HolderId = peer.Id,
            HolderName = peer.Info.Name,
            Reason = reason ?? (renewal ? own!.Reason : null),
            FencingToken = renewal ? own!.FencingToken : _store.NextFencingToken(path),
            AcquiredAt = now,
            ExpiresAt = now + ttl,
        };
        _locks.Set(granted);
        _store.UpsertLock(granted);
        Emit(
            EventTypes.FileLocked,
            peer.Id,
            EventData.Of(("path", path), ("holderId", peer.Id), ("holderName", peer.Info.Name), ("reason", granted.Reason), ("fencingToken", granted.FencingToken), ("expiresAt", granted.ExpiresAt), ("renewed", renewal)));
        return granted;
    }

    private int ExpireLocks(long now)
    {
        List<LockInfo> expired = _locks.TakeExpired(now);
        foreach (LockInfo lockInfo in expired)
        {
            _store.DeleteLock(lockInfo.Path);
            Emit(EventTypes.LockExpired, lockInfo.HolderId, EventData.Of(("path", lockInfo.Path), ("holderId", lockInfo.HolderId), ("holderName", lockInfo.HolderName)));
        }

        if (expired.Count > 0)
        {
            GrantWaiters();
        }

        return expired.Count;
    }

    private void ReleaseLocksOf(string peerId)
    {
        List<LockInfo> released = _locks.TakeHeldBy(peerId);
        foreach (LockInfo lockInfo in released)
        {
            _store.DeleteLock(lockInfo.Path);
            Emit(EventTypes.FileUnlocked, peerId, EventData.Of(("path", lockInfo.Path), ("holderId", peerId), ("holderName", lockInfo.HolderName), ("reason", "holder_left")));
        }

        if (released.Count > 0)
        {
            GrantWaiters();
        }
    }

    /// <summary>Grants waiting requests, oldest first, as far as the live locks allow.</summary>
    private void GrantWaiters()
    {
        long now = Now;
        for (int i = 0; i < _lockWaiters.Count; i++)
        {
            LockWaiter waiter = _lockWaiters[i];
            if (_locks.FindConflict(waiter.Path, waiter.Peer.Id) is not null || HasEarlierWaiter(waiter.Path, waiter.Peer.Id, i))
            {
                continue;
            }

            _lockWaiters.RemoveAt(i--);
            if (waiter.Session.IsClosed || waiter.Session.Peer != waiter.Peer)
            {
                continue;
            }

            _batchRequests.Add((waiter.Session, waiter.RequestId));
            Respond(waiter.Session, waiter.RequestId, Grant(waiter.Peer, waiter.Path, waiter.Reason, waiter.TtlMs, now));
        }
    }

    private void ExpireLockWaiters(long now)
    {
        for (int i = 0; i < _lockWaiters.Count; i++)
        {
            LockWaiter waiter = _lockWaiters[i];
            if (waiter.Deadline > now)
            {
                continue;
            }

            _lockWaiters.RemoveAt(i--);
            _batchRequests.Add((waiter.Session, waiter.RequestId));
            RespondError(waiter.Session, waiter.RequestId, LockedError(waiter.Path, _locks.FindConflict(waiter.Path, waiter.Peer.Id), now));
        }
    }

    private void DropLockWaiters(BrokerSession session) => _lockWaiters.RemoveAll(w => w.Session == session);

    private bool HasEarlierWaiter(string path, string peerId, int before = int.MaxValue)
    {
        for (int i = 0; i < _lockWaiters.Count && i < before; i++)
        {
            if (_lockWaiters[i].Peer.Id != peerId && LockPaths.Conflicts(path, _lockWaiters[i].Path))
            {
                return true;
            }
        }

        return false;
    }

    private LockInfo? FirstWaiterConflict(string path)
    {
        foreach (LockWaiter waiter in _lockWaiters)
        {
            if (LockPaths.Conflicts(path, waiter.Path))
            {
                return _locks.FindConflict(waiter.Path, waiter.Peer.Id);
            }
        }

        return null;
    }

    private static MeshException LockedError(string path, LockInfo? holder, long now)
    {
        if (holder is null)
        {
            return new MeshException(MeshErrorCode.Locked, $"{path} is wanted by an earlier waiting request.");
        }

        long left = Math.Max(0, holder.ExpiresAt - now);
        string why = string.IsNullOrEmpty(holder.Reason) ? string.Empty : $" ({holder.Reason})";
        string what = holder.Path == path ? path : $"{path} (covered by {holder.Path})";
        return new MeshException(new ErrorBody
        {
            Code = MeshErrorCode.Locked,
            Message = $"{what} is locked by {holder.HolderName}{why} for {FormatDuration(left)} more.",
            Lock = holder,
            RetryAfterMs = left,
        });
    }

    private static string FormatDuration(long milliseconds)
    {
        var span = TimeSpan.FromMilliseconds(milliseconds);
        return span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s" : $"{Math.Max(1, (int)Math.Ceiling(span.TotalSeconds))} s";
    }
}
