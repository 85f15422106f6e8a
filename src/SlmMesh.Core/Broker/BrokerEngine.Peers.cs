using SlmMesh.Discovery;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Broker;

internal sealed partial class BrokerEngine
{
    private const int MaxIdLength = 64;

    private RegisterResponse? Register(BrokerSession session, RegisterRequest request)
    {
        if (session.Peer is { } current)
        {
            throw Invalid($"This connection is already registered as '{current.Info.Name}'.");
        }

        string cwd = RequireAbsolute(request.Cwd, "cwd");
        string agentType = string.IsNullOrWhiteSpace(request.AgentType) ? AgentTypes.Unknown : request.AgentType.Trim().ToLowerInvariant();
        if (!AgentTypes.IsKnown(agentType))
        {
            agentType = AgentTypes.Unknown;
        }

        CheckSummary(request.Summary);
        CheckAgentProcess(session, request.AgentProcessId);
        string id = string.IsNullOrEmpty(request.PeerId) ? NewId("p") : CheckId(request.PeerId, "peerId");
        long now = Now;
        int processId = session.ProcessId > 0 ? session.ProcessId : request.ProcessId;
        bool resumed = _peers.TryGetValue(id, out PeerState? existing);
        if (existing is not null && !MayResume(existing, session))
        {
            throw new MeshException(
                MeshErrorCode.Unauthorized,
                $"The peer id '{id}' belongs to '{existing.Info.Name}', whose process {existing.Info.ProcessId} is alive: a connection can only resume its own process's peer.");
        }

        if (existing?.Session is { } previous && previous != session)
        {
            // The same client reconnected before its old connection was seen closing.
            previous.Peer = null;
            previous.Connection.Close(new ErrorBody { Code = MeshErrorCode.Conflict, Message = "Replaced by a newer connection of the same peer." });
        }

        string wanted = !string.IsNullOrWhiteSpace(request.Name) ? PeerNames.Sanitize(request.Name) : existing?.Info.Name ?? PeerNames.Derive(agentType, cwd);
        string name = PeerNames.MakeUnique(wanted, candidate => IsNameTaken(candidate, id));
        var info = new PeerInfo
        {
            Id = id,
            Name = name,
            AgentType = agentType,
            ProcessId = processId,
            AgentProcessId = request.AgentProcessId > 0 ? request.AgentProcessId : processId,
            Cwd = cwd,
            GitRoot = request.GitRoot,
            GitBranch = request.GitBranch,
            Summary = request.Summary ?? existing?.Info.Summary,
            ConnectedAt = existing?.Info.ConnectedAt ?? now,
            LastSeen = now,
            Connected = true,
        };

        PeerState peer = existing ?? new PeerState(info, request.Ephemeral);
        peer.Info = info;
        peer.Session = session;
        peer.LeaveAt = 0;
        _peers[id] = peer;
        session.Peer = peer;
        _store.UpsertPeer(info, peer.Ephemeral);
        if (!resumed && !peer.Ephemeral)
        {
            Emit(EventTypes.PeerJoined, id, EventData.Of(("id", id), ("name", name), ("agentType", agentType), ("cwd", cwd), ("gitRoot", info.GitRoot)));
        }

        // The answer goes out before the redelivered messages, so the client knows who it is first.
        Respond(session, _currentRequestId, new RegisterResponse { Peer = info, Resumed = resumed });
        PushUnread(session, peer);
        Log.PeerRegistered(_logger, name, id, agentType, resumed);
        return null;
    }

    /// <summary>
    /// The agent process a peer names is who its helpers may attach for (<see cref="Attach"/>): it must be the
    /// registering process or one of its ancestors, else a peer could name another agent's process and have
    /// that agent's helpers act as it.
    /// </summary>
    private static void CheckAgentProcess(BrokerSession session, int agentProcessId)
    {
        int caller = session.Connection.RemoteCredentials?.ProcessId ?? 0;
        if (agentProcessId > 0 && caller > 0 && !ProcessTree.IsAncestor(agentProcessId, caller))
        {
            throw new MeshException(MeshErrorCode.Unauthorized, $"Process {agentProcessId} is not this process ({caller}) or one of its ancestors: it cannot be named as this peer's agent.");
        }
    }

    /// <summary>
    /// A known peer id may be taken up by the process that registered it (reconnecting, or after a broker
    /// restart), or by anyone once that process is gone; never from under a live process.
    /// </summary>
    private static bool MayResume(PeerState existing, BrokerSession session) =>
        session.ProcessId == existing.Info.ProcessId || !ProcessTree.IsAlive(existing.Info.ProcessId);

    private RegisterResponse Attach(BrokerSession session, AttachRequest request)
    {
        if (session.Peer is not null)
        {
            throw Invalid("This connection already acts as a peer.");
        }

        int caller = session.Connection.RemoteCredentials?.ProcessId ?? 0;
        if (caller <= 0)
        {
            throw new MeshException(MeshErrorCode.Unauthorized, "Cannot attach: the broker cannot verify the calling process on this platform.");
        }

        PeerState peer = request.PeerId is { Length: > 0 } wantedId
            ? VerifiedAncestor(wantedId, caller)
            : NearestAgentPeer(caller) ?? throw new MeshException(
                MeshErrorCode.NotFound,
                $"No peer's agent process is an ancestor of process {caller}: run this from inside an agent that has the mesh MCP server.");
        session.Peer = peer;
        session.IsAttached = true;
        return new RegisterResponse { Peer = peer.Info, Resumed = true };
    }

    private PeerState VerifiedAncestor(string peerId, int caller)
    {
        if (!_peers.TryGetValue(peerId, out PeerState? peer))
        {
            throw new MeshException(MeshErrorCode.NotFound, $"No peer with id '{peerId}'.");
        }

        if (!ProcessTree.IsAncestor(peer.Info.AgentProcessId, caller))
        {
            throw new MeshException(MeshErrorCode.Unauthorized, $"Process {caller} may not act as '{peer.Info.Name}': its agent process {peer.Info.AgentProcessId} is not an ancestor.");
        }

        return peer;
    }

    private PeerState? NearestAgentPeer(int caller)
    {
        IReadOnlyList<ProcessEntry> ancestry = ProcessTree.GetAncestry(caller);
        PeerState? best = null;
        int bestDepth = int.MaxValue;
        foreach (PeerState peer in _peers.Values)
        {
            if (peer.Ephemeral || peer.Info.AgentProcessId <= 0)
            {
                continue;
            }

            for (int depth = 0; depth < ancestry.Count && depth <= bestDepth; depth++)
            {
                if (ancestry[depth].ProcessId != peer.Info.AgentProcessId)
                {
                    continue;
                }

                if (depth < bestDepth || (depth == bestDepth && peer.IsConnected && peer.Info.ConnectedAt > best!.Info.ConnectedAt))
                {
                    best = peer;
                    bestDepth = depth;
                }

                break;
            }
        }

        return best;
    }

    private EmptyBody LeaveNow(BrokerSession session)
    {
        PeerState peer = RequirePeer(session);
        if (!session.IsAttached)
        {
            session.Peer = null;
            peer.Session = null;
            if (peer.Ephemeral)
            {
                GoDormant(peer, Now);
            }
            else
            {
                Leave(peer, PeerLeaveReasons.Left);
            }
        }

        return EmptyBody.Instance;
    }

    private PeerListResponse ListPeers(BrokerSession session, PeerListRequest request)
    {
        PeerState? self = session.Peer;
        string scope = string.IsNullOrEmpty(request.Scope) ? PeerScopes.Machine : request.Scope;
        string? cwd = self?.Info.Cwd ?? request.Cwd;
        string? gitRoot = self?.Info.GitRoot ?? request.GitRoot;
        if (scope is not (PeerScopes.Machine or PeerScopes.Directory or PeerScopes.Repo))
        {
            throw Invalid($"Unknown scope '{scope}': use machine, directory or repo.");
        }

        if (scope == PeerScopes.Directory && string.IsNullOrEmpty(cwd))
        {
            throw Invalid("The directory scope needs a cwd.");
        }

        var peers = new List<PeerInfo>();
        foreach (PeerState peer in _peers.Values)
        {
            if (peer.Ephemeral || (peer == self && !request.IncludeSelf))
            {
                continue;
            }

            bool inScope = scope switch
            {
                PeerScopes.Directory => IsSameOrBelow(peer.Info.Cwd, cwd!),
                PeerScopes.Repo => gitRoot is not null && string.Equals(peer.Info.GitRoot, gitRoot, StringComparison.Ordinal),
                _ => true,
            };
            if (inScope)
            {
                peers.Add(peer.Info);
            }
        }

        peers.Sort(static (a, b) => a.ConnectedAt.CompareTo(b.ConnectedAt));
        return new PeerListResponse { Peers = peers };
    }

    private PeerInfo SetSummary(BrokerSession session, SummaryRequest request)
    {
        PeerState peer = RequirePeer(session);
        CheckSummary(request.Summary);
        peer.Info = peer.Info with { Summary = request.Summary, LastSeen = Now };
        _store.UpsertPeer(peer.Info, peer.Ephemeral);
        if (!peer.Ephemeral)
        {
            Emit(EventTypes.PeerUpdated, peer.Id, EventData.Of(("id", peer.Id), ("name", peer.Info.Name), ("summary", request.Summary)));
        }

        return peer.Info;
    }

    private void OnSessionClosed(BrokerSession session)
    {
        if (DetachClosedSession(session, out long now) is { } peer)
        {
            if (peer.Ephemeral)
            {
                GoDormant(peer, now);
            }
            else if (!ProcessTree.IsAlive(peer.Info.ProcessId))
            {
                Leave(peer, PeerLeaveReasons.ProcessExited);
            }
            else
            {
                peer.LeaveAt = now + (long)_options.AwayGrace.TotalMilliseconds;
                peer.LeaveReason = PeerLeaveReasons.Disconnected;
            }
        }

        if (_sessions.Count == 0)
        {
            _idleSince = Now;
        }
    }

    /// <summary>
    /// Forgets a closed connection (and its lock waits). When it was the connection its peer registered with, the
    /// peer is marked disconnected and returned: what happens to it next is the caller's to decide.
    /// </summary>
    private PeerState? DetachClosedSession(BrokerSession session, out long now)
    {
        now = Now;
        session.IsClosed = true;
        _sessions.Remove(session);
        DropLockWaiters(session);
        if (session.Peer is not { } peer || session.IsAttached || peer.Session != session)
        {
            return null;
        }

        peer.Session = null;
        peer.Info = peer.Info with { Connected = false, LastSeen = now };
        return peer;
    }

    private void Leave(PeerState peer, string reason)
    {
        _peers.Remove(peer.Id);
        _store.DeletePeer(peer.Id);
        foreach (BrokerSession session in _sessions)
        {
            if (session.Peer == peer)
            {
                session.Peer = null;
                if (!session.IsAttached)
                {
                    session.Connection.Close(new ErrorBody { Code = MeshErrorCode.Unavailable, Message = $"The peer left the mesh ({reason})." });
                }
            }
        }

        ReleaseLocksOf(peer.Id);
        if (!peer.Ephemeral)
        {
            Emit(EventTypes.PeerLeft, peer.Id, EventData.Of(("id", peer.Id), ("name", peer.Info.Name), ("reason", reason)));
        }

        Log.PeerLeft(_logger, peer.Info.Name, peer.Id, reason);
    }

    /// <summary>
    /// A CLI invocation ends: it leaves silently, its locks live on until their TTL, and it stays addressable
    /// (messages to it wait in its inbox, for the next invocation of the same identity) as long as a message
    /// to it would be kept. It is never listed, never picked by attach, and never keeps the broker alive.
    /// </summary>
    private void GoDormant(PeerState peer, long now)
    {
        peer.Info = peer.Info with { Connected = false, LastSeen = now };
        peer.LeaveAt = now + (long)_options.MessageTtl.TotalMilliseconds;
        peer.LeaveReason = PeerLeaveReasons.Left;
        _store.UpsertPeer(peer.Info, ephemeral: true);
    }

    /// <summary>Drops a dormant ephemeral peer: no event, and its locks stay until their TTL.</summary>
    private void Forget(PeerState peer)
    {
        _peers.Remove(peer.Id);
        _store.DeletePeer(peer.Id);
    }

    private bool IsNameTaken(string name, string exceptId)
    {
        foreach (PeerState peer in _peers.Values)
        {
            if (peer.Id != exceptId && string.Equals(peer.Info.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckSummary(string? summary)
    {
        if (summary is not null && summary.Length > _options.MaxSummaryLength)
        {
            throw new MeshException(MeshErrorCode.TooLarge, $"The summary is {summary.Length} characters; the limit is {_options.MaxSummaryLength}.");
        }
    }

    private static string RequireAbsolute(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw Invalid($"'{what}' must be an absolute path, not '{path}'.");
        }

        return Path.TrimEndingDirectorySeparator(path);
    }

    private static string CheckId(string id, string what)
    {
        if (id.Length > MaxIdLength || id.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            throw Invalid($"'{what}' must be 1 to {MaxIdLength} printable ASCII characters without spaces.");
        }

        return id;
    }

    private static string NewId(string prefix) => MeshIds.New(prefix[0]);

    private static bool IsSameOrBelow(string path, string folder) =>
        path.Length >= folder.Length
        && path.StartsWith(folder, StringComparison.Ordinal)
        && (path.Length == folder.Length || path[folder.Length] == '/' || folder.EndsWith('/'));
}
