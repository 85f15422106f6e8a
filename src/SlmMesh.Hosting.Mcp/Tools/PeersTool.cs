using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Delivery;
using SlmMesh.Hosting.Mcp.Json;

namespace SlmMesh.Hosting.Mcp.Tools;

/// <summary><c>mesh_peers</c>.</summary>
[McpServerToolType]
internal sealed class PeersTool
{
    [McpServerTool(Name = "mesh_peers", Title = "List other coding agents", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists the other AI coding agents working on this machine right now (Claude Code, Cursor, Codex, ...) with what each says it is working on, its folder and git branch. Use it at the start of a task and before touching shared files, to know who else is active and whom to message.")]
    public static Task<CallToolResult> RunAsync(
        AgentSession session,
        [Description("machine (default): every agent; directory: agents in this folder or below; repo: agents in the same git repository.")] string? scope = null,
        CancellationToken cancellationToken = default) =>
        session.RunAsync(
            async (client, ct) =>
            {
                string chosen = ToolArguments.Choice(scope, "scope", PeerScopes.Machine, PeerScopes.Machine, PeerScopes.Directory, PeerScopes.Repo);
                IReadOnlyList<PeerInfo> peers = await client.ListPeersAsync(chosen, cancellationToken: ct).ConfigureAwait(false);
                return new PeersResult(chosen, peers.Count, [.. peers.Select(PeerView.Of)]);
            },
            cancellationToken);
}
