using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SlmMesh.Hosting.Mcp.Tests.Support;

/// <summary>A tool result as a test reads it: the structured JSON, the text, and whether it is an error.</summary>
public sealed record ToolReply(JsonElement Json, string Text, bool IsError)
{
    public JsonElement this[string property] => Json.GetProperty(property);

    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;

    public string ErrorMessage => Json.GetProperty("error").GetProperty("message").GetString()!;

    public IReadOnlyList<JsonElement> NewMessages =>
        Json.TryGetProperty("newMessages", out JsonElement messages) ? [.. messages.EnumerateArray()] : [];

    public IReadOnlyList<JsonElement> NewEvents =>
        Json.TryGetProperty("newEvents", out JsonElement events) ? [.. events.EnumerateArray()] : [];

    public static async Task<ToolReply> CallAsync(McpClient client, string tool, IReadOnlyDictionary<string, object?>? arguments = null)
    {
        CallToolResult result = await client.CallToolAsync(tool, arguments ?? new Dictionary<string, object?>(), cancellationToken: TestContext.Current.CancellationToken);
        string text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        JsonElement json = Assert.NotNull(result.StructuredContent);

        // The text a model reads and the structured content are the same JSON.
        Assert.Equal(JsonSerializer.Serialize(json), JsonSerializer.Serialize(JsonDocument.Parse(text).RootElement));
        return new ToolReply(json, text, result.IsError == true);
    }
}
