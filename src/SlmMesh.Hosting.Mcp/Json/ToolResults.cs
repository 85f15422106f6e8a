namespace SlmMesh.Hosting.Mcp.Json;

// The answers of the nine tools. Null members are left out of the JSON, so each action shows only what it has.

/// <summary>A refusal (the tool result has <c>isError</c> set).</summary>
internal sealed record ErrorResult(ErrorView Error) : ToolResult;

/// <summary><c>mesh_peers</c>.</summary>
internal sealed record PeersResult(string Scope, int Count, IReadOnlyList<PeerView> Peers) : ToolResult;

/// <summary><c>mesh_summary</c>.</summary>
internal sealed record SummaryResult(PeerView Self) : ToolResult;

/// <summary><c>mesh_send</c>.</summary>
internal sealed record SendResult(string Id, string To, IReadOnlyList<string> Recipients, string SentAt, string? Note = null) : ToolResult;

/// <summary><c>mesh_inbox</c>.</summary>
internal sealed record InboxResult(string Filter, int Count, IReadOnlyList<MessageView> Messages) : ToolResult;

/// <summary><c>mesh_wait</c>: the message, or <c>timedOut</c>.</summary>
internal sealed record WaitResult(MessageView? Message, bool TimedOut) : ToolResult;

/// <summary><c>mesh_state</c>.</summary>
internal sealed record StateResult(string Action) : ToolResult
{
    public bool? Found { get; init; }

    public StateView? Entry { get; init; }

    public int? Count { get; init; }

    public IReadOnlyList<StateView>? Entries { get; init; }

    public bool? Deleted { get; init; }

    public long? Version { get; init; }
}

/// <summary><c>mesh_lock</c>.</summary>
internal sealed record LockResult(string Action) : ToolResult
{
    public LockView? Lock { get; init; }

    public string? Path { get; init; }

    public bool? Released { get; init; }

    public int? Count { get; init; }

    public IReadOnlyList<LockView>? Locks { get; init; }
}

/// <summary><c>mesh_events</c>.</summary>
internal sealed record EventsResult(string Action) : ToolResult
{
    public int? Count { get; init; }

    public IReadOnlyList<EventView>? Events { get; init; }

    public long? LastId { get; init; }

    public bool? Subscribed { get; init; }

    public IReadOnlyList<string>? Types { get; init; }
}

/// <summary><c>mesh_status</c>.</summary>
internal sealed record StatusResult(
    string Status,
    PeerView? Self,
    string BrokerVersion,
    int ProtocolVersion,
    int BrokerPid,
    string StartedAt,
    long UptimeSeconds,
    string Home,
    string SocketPath,
    int PeersActive,
    int PeersAway,
    int Connections,
    long MessagesTotal,
    long MessagesUnread,
    int LocksActive,
    long EventsTotal,
    long LastEventId,
    long DatabaseBytes,
    long WalBytes,
    string HostVersion,
    int HostPid) : ToolResult;
