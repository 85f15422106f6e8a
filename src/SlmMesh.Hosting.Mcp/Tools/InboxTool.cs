using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Delivery;
using SlmMesh.Hosting.Mcp.Json;

namespace SlmMesh.Hosting.Mcp.Tools;

/// <summary><c>mesh_inbox</c>.</summary>
[McpServerToolType]
internal sealed class InboxTool
{
    [McpServerTool(Name = "mesh_inbox", Title = "Read messages from other agents", OpenWorld = false)]
    [Description("Reads the messages other coding agents sent you; unread ones returned are marked read. New messages also arrive on their own in every mesh tool result (newMessages), so call this to catch up or to see older messages (filter=all).")]
    public static Task<CallToolResult> RunAsync(
        AgentSession session,
        [Description("unread (default) or all.")] string? filter = null,
        [Description("Only messages from this peer name or id.")] string? from = null,
        [Description("At most this many, the newest (1-100, default 20).")] int? limit = null,
        CancellationToken cancellationToken = default) =>
        session.RunAsync(
            async (client, ct) =>
            {
                string chosen = ToolArguments.Choice(filter, "filter", "unread", "unread", "all");
                int count = ToolArguments.Range(limit, "limit", 20, 1, 100);
                IReadOnlyList<MeshMessage> messages = await client.ReadInboxAsync(
                    unreadOnly: chosen == "unread",
                    from: string.IsNullOrWhiteSpace(from) ? null : from,
                    limit: count,
                    acknowledge: true,
                    cancellationToken: ct).ConfigureAwait(false);
                return new InboxResult(chosen, messages.Count, MessageView.Of(messages));
            },
            cancellationToken);
}
