using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SlmMesh.Hosting.Mcp.Delivery;
using SlmMesh.Hosting.Mcp.Json;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Hosting.Mcp.Tools;

/// <summary><c>mesh_events</c>.</summary>
[McpServerToolType]
internal sealed class EventsTool
{
    /// <summary>How far back a read without <c>since</c> looks for the newest events.</summary>
    private const int RecentWindow = 1000;

    [McpServerTool(Name = "mesh_events", Title = "Mesh event log", OpenWorld = false)]
    [Description("The mesh's event log: agents joining and leaving (peer_joined, peer_left, peer_updated), messages (message_sent), shared state (state_changed, state_deleted), locks (file_locked, file_unlocked, lock_expired) and custom events. action=read returns stored events (the newest, or those after the id 'since'); action=subscribe makes other agents' new events of the given types appear in every later mesh tool result (newEvents); action=unsubscribe stops that.")]
    public static Task<CallToolResult> RunAsync(
        AgentSession session,
        [Description("read, subscribe or unsubscribe.")] string action,
        [Description("Event types or patterns such as file_* or peer_left; omit for all.")] string[]? types = null,
        [Description("read only: events after this event id (lastId of an earlier read).")] long? since = null,
        [Description("read only: at most this many (1-1000, default 50).")] int? limit = null,
        CancellationToken cancellationToken = default) =>
        session.RunAsync(
            async (client, ct) =>
            {
                string chosen = ToolArguments.Choice(action, "action", string.Empty, "read", "subscribe", "unsubscribe");
                string[] patterns = [.. (types ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim())];
                switch (chosen)
                {
                    case "read":
                    {
                        int count = ToolArguments.Range(limit, "limit", 50, 1, 1000);
                        EventListResponse page = since is { } after
                            ? await client.ReadEventsAsync(Math.Max(0, after), patterns, count, ct).ConfigureAwait(false)
                            : await ReadNewestAsync(client, patterns, count, ct).ConfigureAwait(false);
                        return new EventsResult(chosen) { Count = page.Events.Count, Events = [.. page.Events.Select(EventView.Of)], LastId = page.LastId };
                    }

                    case "subscribe":
                    {
                        IReadOnlyList<string> subscribed = await session.SubscribeEventsAsync(client, patterns, ct).ConfigureAwait(false);
                        return new EventsResult(chosen) { Subscribed = true, Types = subscribed.Count == 0 ? ["*"] : subscribed };
                    }

                    case "unsubscribe":
                    {
                        IReadOnlyList<string> previous = await session.UnsubscribeEventsAsync(ct).ConfigureAwait(false);
                        return new EventsResult(chosen) { Subscribed = false, Types = previous };
                    }

                    default:
                        throw ToolArguments.Invalid("'action' is required: read, subscribe or unsubscribe.");
                }
            },
            cancellationToken);

    /// <summary>The newest <paramref name="count"/> events (oldest first), looking back at most <see cref="RecentWindow"/> ids.</summary>
    private static async Task<EventListResponse> ReadNewestAsync(MeshClient client, string[] patterns, int count, CancellationToken cancellationToken)
    {
        EventListResponse head = await client.ReadEventsAsync(long.MaxValue - 1, null, 1, cancellationToken).ConfigureAwait(false);
        EventListResponse window = await client.ReadEventsAsync(Math.Max(0, head.LastId - RecentWindow), patterns, RecentWindow, cancellationToken).ConfigureAwait(false);
        return window.Events.Count <= count ? window : window with { Events = [.. window.Events.Skip(window.Events.Count - count)] };
    }
}
