using Microsoft.Extensions.Logging;

namespace SlmMesh;

/// <summary>Settings of a <see cref="MeshClient"/>. Everything has a sensible default: <c>new MeshClientOptions()</c> joins the default mesh.</summary>
public sealed record MeshClientOptions
{
    /// <summary>The environment variable that names a peer.</summary>
    public const string NameVariable = "SLM_MESH_NAME";

    /// <summary>The mesh home; null resolves <c>$SLM_MESH_HOME</c>, else <c>~/.slm-mesh</c>.</summary>
    public string? Home { get; set; }

    /// <summary>The wanted display name; null uses <c>$SLM_MESH_NAME</c>, else one derived from the agent type and folder. The broker makes it unique.</summary>
    public string? Name { get; set; }

    /// <summary>The agent type; null detects it from the environment and the parent processes (falling back to <c>dotnet</c>).</summary>
    public string? AgentType { get; set; }

    /// <summary>The agent process; null detects it along with <see cref="AgentType"/>.</summary>
    public int? AgentProcessId { get; set; }

    /// <summary>The working folder the peer announces; null uses the current directory.</summary>
    public string? Cwd { get; set; }

    /// <summary>A summary announced when registering.</summary>
    public string? Summary { get; set; }

    /// <summary>What the connection is: a peer (default), an observer without identity, or a helper acting for its agent's peer.</summary>
    public MeshClientRole Role { get; set; } = MeshClientRole.Peer;

    /// <summary>A short-lived peer (a CLI invocation): not listed, no join/leave events; its locks outlive it until their TTL.</summary>
    public bool Ephemeral { get; set; }

    /// <summary>The peer id to use; null creates a new one. The id is kept across reconnects either way.</summary>
    public string? PeerId { get; set; }

    /// <summary>The client program and version, for the broker's logs.</summary>
    public string ClientName { get; set; } = "slm-mesh-dotnet/" + MeshClient.Version;

    /// <summary>Whether to start a broker when none runs (default true).</summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>How to start a broker; null starts one inside this process (<see cref="InProcessBrokerLauncher"/>).</summary>
    public IBrokerLauncher? BrokerLauncher { get; set; }

    /// <summary>Whether to reconnect (starting a new broker if needed) when the connection drops (default true).</summary>
    public bool Reconnect { get; set; } = true;

    /// <summary>
    /// Whether messages are acknowledged once handed to the application (by <see cref="MeshClient.TakeReceivedMessages"/>,
    /// <see cref="MeshClient.WaitForMessageAsync"/> or <see cref="MeshClient.ReadMessagesAsync"/>). Default true.
    /// </summary>
    public bool AutoAcknowledge { get; set; } = true;

    /// <summary>How long one request may take, reconnects included, and registering on a new connection (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting (and starting a broker) may take (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the client logs; null logs nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
