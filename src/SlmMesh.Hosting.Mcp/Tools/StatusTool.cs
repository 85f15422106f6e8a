using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Delivery;
using SlmMesh.Hosting.Mcp.Json;

namespace SlmMesh.Hosting.Mcp.Tools;

/// <summary><c>mesh_status</c>.</summary>
[McpServerToolType]
internal sealed class StatusTool
{
    [McpServerTool(Name = "mesh_status", Title = "Mesh health", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Health and statistics of the mesh broker: your own peer, how many agents, messages, locks and events, the database size. Use it when another mesh tool fails or to check that the mesh works.")]
    public static Task<CallToolResult> RunAsync(AgentSession session, CancellationToken cancellationToken = default) =>
        session.RunAsync(
            async (client, ct) =>
            {
                BrokerStatus status = await client.GetStatusAsync(ct).ConfigureAwait(false);
                return new StatusResult(
                    "ok",
                    client.Self is { } self ? PeerView.Of(self) : null,
                    status.Version,
                    status.ProtocolVersion,
                    status.ProcessId,
                    Iso.Format(status.StartedAt),
                    status.UptimeMs / 1000,
                    status.Home,
                    status.SocketPath,
                    status.PeersActive,
                    status.PeersAway,
                    status.Connections,
                    status.MessagesTotal,
                    status.MessagesUnread,
                    status.LocksActive,
                    status.EventsTotal,
                    status.LastEventId,
                    status.DatabaseBytes,
                    status.WalBytes,
                    HostInfo.Version,
                    Environment.ProcessId);
            },
            cancellationToken);
}
