namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>A shared key as tool results show it.</summary>
internal sealed record StateView(string Namespace, string Key, string Value, long Version, string UpdatedBy, string UpdatedAt)
{
    public static StateView Of(StateEntry entry) =>
        new(entry.Namespace, entry.Key, entry.Value, entry.Version, entry.UpdatedBy, Iso.Format(entry.UpdatedAt));
}
