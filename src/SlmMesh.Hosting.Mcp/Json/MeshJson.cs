using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>
/// Serializer settings for what a model reads: source-generated types, and quotes, apostrophes and non-ASCII
/// text left as they are (the default encoder would show a model <c>\u0027</c> for every apostrophe).
/// </summary>
internal static class MeshJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        TypeInfoResolver = MeshJsonContext.Default,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Info(typeof(T));

    public static JsonTypeInfo Info(Type type) => Options.GetTypeInfo(type);
}
