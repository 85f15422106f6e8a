using System.Text.Json;

namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>An event as tool results and notifications show it; its details inline as JSON, not as an escaped string.</summary>
internal sealed record EventView(long Id, string Type, string? PeerId, JsonElement? Data, string CreatedAt)
{
    public static EventView Of(MeshEvent meshEvent) =>
        new(meshEvent.Id, meshEvent.Type, meshEvent.PeerId, ParseData(meshEvent.Data), Iso.Format(meshEvent.CreatedAt));

    private static JsonElement? ParseData(string data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(data);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // A custom event's data is whatever its peer sent: keep it as text.
            return JsonSerializer.SerializeToElement(data, MeshJsonContext.Default.String);
        }
    }
}
