using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Delivery;
using SlmMesh.Hosting.Mcp.Json;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Hosting.Mcp.Tools;

/// <summary><c>mesh_send</c>.</summary>
[McpServerToolType]
internal sealed class SendTool
{
    [McpServerTool(Name = "mesh_send", Title = "Message another agent", OpenWorld = false)]
    [Description("Sends a message to another coding agent on this machine (by its name or id from mesh_peers), or to all of them with to=\"all\". Use it to ask before editing a file someone else works on or holds a lock on, to announce a change that affects others, and to answer a message (pass its id as replyTo). The message is stored and delivered even if the recipient is busy.")]
    public static Task<CallToolResult> RunAsync(
        AgentSession session,
        [Description("The recipient: a peer name or id from mesh_peers, or \"all\" to broadcast.")] string to,
        [Description("The message text (at most 64 KiB).")] string message,
        [Description("text (default), json, command or alert.")] string? type = null,
        [Description("The id of the message you are answering.")] string? replyTo = null,
        CancellationToken cancellationToken = default) =>
        session.RunAsync(
            async (client, ct) =>
            {
                string kind = ToolArguments.Choice(type, "type", MessageTypes.Text, MessageTypes.Text, MessageTypes.Json, MessageTypes.Command, MessageTypes.Alert);
                string target = ToolArguments.Required(to, "to", "(a peer name or id, or \"all\")");
                SendResponse sent = await client.SendAsync(target, message ?? string.Empty, kind, string.IsNullOrWhiteSpace(replyTo) ? null : replyTo, ct).ConfigureAwait(false);
                string? note = sent.Recipients.Count == 0 ? "No other agent is on the mesh: nobody got it." : null;
                return new SendResult(sent.Id, target, sent.Recipients, Iso.Format(sent.CreatedAt), note);
            },
            cancellationToken);
}
