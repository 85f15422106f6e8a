using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Delivery;
using SlmMesh.Hosting.Mcp.Json;

namespace SlmMesh.Hosting.Mcp.Tools;

/// <summary><c>mesh_summary</c>.</summary>
[McpServerToolType]
internal sealed class SummaryTool
{
    [McpServerTool(Name = "mesh_summary", Title = "Announce what you work on", Idempotent = true, OpenWorld = false)]
    [Description("Tells the other coding agents on this machine what you are working on (shown to them by mesh_peers). Call it when you start a task and again when your focus changes, e.g. \"Refactoring src/auth; will touch login.cs and session.cs\".")]
    public static Task<CallToolResult> RunAsync(
        AgentSession session,
        [Description("One or two sentences: the task, and the files or areas you will change (at most 2500 characters).")] string summary,
        CancellationToken cancellationToken = default) =>
        session.RunAsync(
            async (client, ct) =>
            {
                PeerInfo self = await client.SetSummaryAsync(summary ?? string.Empty, ct).ConfigureAwait(false);
                return new SummaryResult(PeerView.Of(self));
            },
            cancellationToken);
}
