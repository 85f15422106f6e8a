using System.Text.Json.Serialization;

namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>
/// What every tool returns besides its own answer: the messages that arrived for this agent since the last
/// result (now acknowledged), and the events it subscribed to. Both are left out when empty.
/// </summary>
internal abstract record ToolResult
{
    [JsonPropertyOrder(100)]
    public IReadOnlyList<MessageView>? NewMessages { get; init; }

    [JsonPropertyOrder(101)]
    public IReadOnlyList<EventView>? NewEvents { get; init; }

    /// <summary>Subscribed events dropped because results were not read often enough.</summary>
    [JsonPropertyOrder(102)]
    public long? EventsDropped { get; init; }
}
