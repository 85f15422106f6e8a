namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>A message as tool results and notifications show it; <c>broadcast</c> and <c>replyTo</c> only when set.</summary>
internal sealed record MessageView(
    string Id,
    string From,
    string FromName,
    string Type,
    string Message,
    string? ReplyTo,
    bool? Broadcast,
    string SentAt,
    string? ReadAt)
{
    public static MessageView Of(MeshMessage message) => new(
        message.Id,
        message.From,
        message.FromName,
        message.Type,
        message.Payload,
        message.ReplyTo,
        message.Broadcast ? true : null,
        Iso.Format(message.CreatedAt),
        Iso.Format(message.ReadAt));

    public static IReadOnlyList<MessageView> Of(IEnumerable<MeshMessage> messages) => [.. messages.Select(Of)];
}
