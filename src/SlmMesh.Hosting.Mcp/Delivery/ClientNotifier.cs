using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Json;

namespace SlmMesh.Hosting.Mcp.Delivery;

/// <summary>
/// Pushes arrivals to the MCP client: <c>notifications/slm-mesh/message</c> (and <c>.../event</c>),
/// <c>notifications/resources/updated</c> for a subscribed inbox, and <c>notifications/claude/channel</c> for
/// a client that declared the <c>claude/channel</c> capability. A push is only a hint: it never marks a
/// message read (many clients never show notifications to their model).
/// </summary>
internal sealed partial class ClientNotifier(IServiceProvider services, InboxResource inbox, ILogger<ClientNotifier> logger)
{
    public const string MessageMethod = "notifications/slm-mesh/message";
    public const string EventMethod = "notifications/slm-mesh/event";
    public const string ChannelMethod = "notifications/claude/channel";
    public const string ChannelCapability = "claude/channel";

    private McpServer? _server;

    public async ValueTask MessageArrivedAsync(MeshMessage message, CancellationToken cancellationToken)
    {
        if (InitializedServer() is not { } server)
        {
            return;
        }

        MessageView view = MessageView.Of(message);
        await SendAsync(server, MessageMethod, JsonSerializer.SerializeToNode(view, MeshJsonContext.Default.MessageView), cancellationToken).ConfigureAwait(false);
        if (inbox.IsSubscribed)
        {
            JsonNode? updated = JsonSerializer.SerializeToNode(new ResourceUpdatedParams(InboxResource.Uri), MeshJsonContext.Default.ResourceUpdatedParams);
            await SendAsync(server, NotificationMethods.ResourceUpdatedNotification, updated, cancellationToken).ConfigureAwait(false);
        }

        if (server.ClientCapabilities?.Experimental?.ContainsKey(ChannelCapability) == true)
        {
            JsonNode? channel = JsonSerializer.SerializeToNode(ToChannel(message), MeshJsonContext.Default.ChannelParams);
            await SendAsync(server, ChannelMethod, channel, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask EventArrivedAsync(MeshEvent meshEvent, CancellationToken cancellationToken)
    {
        if (InitializedServer() is { } server)
        {
            JsonNode? node = JsonSerializer.SerializeToNode(EventView.Of(meshEvent), MeshJsonContext.Default.EventView);
            await SendAsync(server, EventMethod, node, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ChannelParams ToChannel(MeshMessage message)
    {
        // Meta keys become attributes of the model's <channel> tag: identifiers only.
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["source"] = "slm-mesh",
            ["from"] = message.FromName,
            ["from_id"] = message.From,
            ["message_id"] = message.Id,
            ["type"] = message.Type,
        };
        if (message.ReplyTo is { Length: > 0 } replyTo)
        {
            meta["reply_to"] = replyTo;
        }

        return new ChannelParams(message.Payload, meta);
    }

    /// <summary>The server once the client has initialized (pushing before that breaks the protocol's order).</summary>
    private McpServer? InitializedServer()
    {
        McpServer? server = _server ??= services.GetService<McpServer>();
        return server?.ClientCapabilities is null ? null : server;
    }

    private async ValueTask SendAsync(McpServer server, string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        try
        {
            await server.SendMessageAsync(new JsonRpcNotification { Method = method, Params = parameters }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The session may be closing; tool results still deliver.
            Log.PushFailed(logger, method, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Could not push {Method}: {Reason}")]
        public static partial void PushFailed(ILogger logger, string method, string reason);
    }
}
