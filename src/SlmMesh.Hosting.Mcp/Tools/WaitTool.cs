using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Delivery;
using SlmMesh.Hosting.Mcp.Json;

namespace SlmMesh.Hosting.Mcp.Tools;

/// <summary><c>mesh_wait</c>.</summary>
[McpServerToolType]
internal sealed class WaitTool
{
    public const int MaxSeconds = 120;

    [McpServerTool(Name = "mesh_wait", Title = "Wait for a message", OpenWorld = false)]
    [Description("Blocks until a message arrives for you (optionally from one agent, or the reply to a message you sent), up to timeoutSeconds. Use it when you asked another agent something and cannot continue without the answer. Returns the message (marked read) or timedOut.")]
    public static Task<CallToolResult> RunAsync(
        AgentSession session,
        [Description("How long to wait, 1-120 seconds (default 30).")] int timeoutSeconds = 30,
        [Description("Only a message from this peer name or id.")] string? from = null,
        [Description("Only the reply to this message id (the id mesh_send returned).")] string? replyTo = null,
        CancellationToken cancellationToken = default) =>
        session.RunAsync(
            async (client, ct) =>
            {
                int seconds = ToolArguments.Range(timeoutSeconds, "timeoutSeconds", 30, 1, MaxSeconds);
                MeshMessage? message = await client.WaitForMessageAsync(
                    TimeSpan.FromSeconds(seconds),
                    string.IsNullOrWhiteSpace(from) ? null : from,
                    string.IsNullOrWhiteSpace(replyTo) ? null : replyTo,
                    ct).ConfigureAwait(false);
                return new WaitResult(message is null ? null : MessageView.Of(message), message is null);
            },
            cancellationToken);
}
