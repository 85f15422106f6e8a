using System.Globalization;

namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>Timestamps as a model reads them: ISO 8601 UTC with milliseconds (the mesh stores Unix epoch milliseconds).</summary>
internal static class Iso
{
    public static string Format(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(long? unixMilliseconds) => unixMilliseconds is { } value ? Format(value) : null;
}
