using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh;

/// <summary>A peer of the mesh: one agent (or program) connected to the broker.</summary>
public sealed record PeerInfo : IWireMessage<PeerInfo>
{
    /// <summary>Stable for the life of the client process, kept across reconnects and broker restarts.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Unique display name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>claude-code, cursor, vscode, windsurf, codex, aider, dotnet, cli or unknown.</summary>
    public string AgentType { get; init; } = string.Empty;

    /// <summary>The process connected to the broker (the MCP host, the CLI or the .NET agent).</summary>
    public int ProcessId { get; init; }

    /// <summary>The agent process that launched the host (equal to <see cref="ProcessId"/> for an embedded agent).</summary>
    public int AgentProcessId { get; init; }

    /// <summary>The working folder, absolute.</summary>
    public string Cwd { get; init; } = string.Empty;

    /// <summary>The root of the git work tree containing <see cref="Cwd"/>, if any.</summary>
    public string? GitRoot { get; init; }

    /// <summary>The checked-out branch, or a short commit id when detached.</summary>
    public string? GitBranch { get; init; }

    /// <summary>What the agent says it is working on.</summary>
    public string? Summary { get; init; }

    /// <summary>When the peer first registered, Unix epoch milliseconds.</summary>
    public long ConnectedAt { get; init; }

    /// <summary>When the broker last heard from the peer, Unix epoch milliseconds.</summary>
    public long LastSeen { get; init; }

    /// <summary>Whether the peer is connected now (false while it is away within its grace period).</summary>
    public bool Connected { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(12);
        writer.WriteString("id"u8);
        writer.Write(Id);
        writer.WriteString("name"u8);
        writer.Write(Name);
        writer.WriteString("agentType"u8);
        writer.Write(AgentType);
        writer.WriteString("pid"u8);
        writer.Write(ProcessId);
        writer.WriteString("agentPid"u8);
        writer.Write(AgentProcessId);
        writer.WriteString("cwd"u8);
        writer.Write(Cwd);
        writer.WriteString("gitRoot"u8);
        writer.Write(GitRoot);
        writer.WriteString("gitBranch"u8);
        writer.Write(GitBranch);
        writer.WriteString("summary"u8);
        writer.Write(Summary);
        writer.WriteString("connectedAt"u8);
        writer.Write(ConnectedAt);
        writer.WriteString("lastSeen"u8);
        writer.Write(LastSeen);
        writer.WriteString("connected"u8);
        writer.Write(Connected);
    }

    /// <inheritdoc />
    public static PeerInfo ReadFrom(ref MessagePackReader reader)
    {
        string id = string.Empty;
        string name = string.Empty;
        string agentType = string.Empty;
        int processId = 0;
        int agentProcessId = 0;
        string cwd = string.Empty;
        string? gitRoot = null;
        string? gitBranch = null;
        string? summary = null;
        long connectedAt = 0;
        long lastSeen = 0;
        bool connected = false;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "id":
                    id = WireReader.ReadString(ref reader);
                    break;
                case "name":
                    name = WireReader.ReadString(ref reader);
                    break;
                case "agentType":
                    agentType = WireReader.ReadString(ref reader);
                    break;
                case "pid":
                    processId = WireReader.ReadInt32(ref reader);
                    break;
                case "agentPid":
                    agentProcessId = WireReader.ReadInt32(ref reader);
                    break;
                case "cwd":
                    cwd = WireReader.ReadString(ref reader);
                    break;
                case "gitRoot":
                    gitRoot = WireReader.ReadNullableString(ref reader);
                    break;
                case "gitBranch":
                    gitBranch = WireReader.ReadNullableString(ref reader);
                    break;
                case "summary":
                    summary = WireReader.ReadNullableString(ref reader);
                    break;
                case "connectedAt":
                    connectedAt = WireReader.ReadInt64(ref reader);
                    break;
                case "lastSeen":
                    lastSeen = WireReader.ReadInt64(ref reader);
                    break;
                case "connected":
                    connected = WireReader.ReadBoolean(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new PeerInfo
        {
            Id = id,
            Name = name,
            AgentType = agentType,
            ProcessId = processId,
            AgentProcessId = agentProcessId,
            Cwd = cwd,
            GitRoot = gitRoot,
            GitBranch = gitBranch,
            Summary = summary,
            ConnectedAt = connectedAt,
            LastSeen = lastSeen,
            Connected = connected,
        };
    }
}
