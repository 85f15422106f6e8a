using MessagePack;
using SlmMesh.Transport.Wire;

namespace SlmMesh.Transport.Messages;

/// <summary>Registers the connection as a peer (or resumes a peer after a reconnect).</summary>
public sealed record RegisterRequest : IWireMessage<RegisterRequest>
{
    /// <summary>The id to resume; null for a new peer.</summary>
    public string? PeerId { get; init; }

    /// <summary>The wanted display name; the broker makes it unique. Null derives one.</summary>
    public string? Name { get; init; }

    /// <summary>The detected agent type.</summary>
    public string AgentType { get; init; } = string.Empty;

    /// <summary>The client process id.</summary>
    public int ProcessId { get; init; }

    /// <summary>The agent process id.</summary>
    public int AgentProcessId { get; init; }

    /// <summary>The working folder.</summary>
    public string Cwd { get; init; } = string.Empty;

    /// <summary>The git work tree root.</summary>
    public string? GitRoot { get; init; }

    /// <summary>The git branch.</summary>
    public string? GitBranch { get; init; }

    /// <summary>An initial summary.</summary>
    public string? Summary { get; init; }

    /// <summary>A short-lived peer (the CLI): not listed, no join or leave events, its locks live until their TTL.</summary>
    public bool Ephemeral { get; init; }

    /// <inheritdoc />
    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(10);
        writer.WriteString("peerId"u8);
        writer.Write(PeerId);
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
        writer.WriteString("ephemeral"u8);
        writer.Write(Ephemeral);
    }

    /// <inheritdoc />
    public static RegisterRequest ReadFrom(ref MessagePackReader reader)
    {
        string? peerId = null;
        string? name = null;
        string agentType = string.Empty;
        int processId = 0;
        int agentProcessId = 0;
        string cwd = string.Empty;
        string? gitRoot = null;
        string? gitBranch = null;
        string? summary = null;
        bool ephemeral = false;
        Span<char> field = stackalloc char[WireReader.MaxKeyLength];
        int count = WireReader.ReadMapHeader(ref reader);
        for (int i = 0; i < count; i++)
        {
            switch (field[..WireReader.ReadKey(ref reader, field)])
            {
                case "peerId":
                    peerId = WireReader.ReadNullableString(ref reader);
                    break;
                case "name":
                    name = WireReader.ReadNullableString(ref reader);
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
                case "ephemeral":
                    ephemeral = WireReader.ReadBoolean(ref reader);
                    break;
                default:
                    WireReader.Skip(ref reader);
                    break;
            }
        }

        return new RegisterRequest
        {
            PeerId = peerId,
            Name = name,
            AgentType = agentType,
            ProcessId = processId,
            AgentProcessId = agentProcessId,
            Cwd = cwd,
            GitRoot = gitRoot,
            GitBranch = gitBranch,
            Summary = summary,
            Ephemeral = ephemeral,
        };
    }
}
