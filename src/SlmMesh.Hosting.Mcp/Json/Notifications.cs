namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>The params of <c>notifications/resources/updated</c>.</summary>
internal sealed record ResourceUpdatedParams(string Uri);

/// <summary>The params of <c>notifications/claude/channel</c>: the text and string attributes for the model's channel tag.</summary>
internal sealed record ChannelParams(string Content, IReadOnlyDictionary<string, string> Meta);
