using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SlmMesh.Cli.Install;

/// <summary>
/// Reads and writes an agent's JSON configuration with <see cref="JsonNode"/> (AOT-safe): everything the
/// installer does not own is kept as it was, in its order. Files with comments are refused rather than
/// rewritten without them.
/// </summary>
internal static class JsonConfig
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The file's root object; a new one when the text is null or blank.</summary>
    /// <exception cref="InstallException">Not valid JSON, not an object, or JSON with comments.</exception>
    public static JsonObject Parse(string path, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException strict)
        {
            if (ParsesLeniently(text))
            {
                throw new InstallException($"{path} has comments or trailing commas; slm-mesh does not rewrite it (they would be lost).", strict);
            }

            throw new InstallException($"{path} is not valid JSON ({Where(strict)}): {FirstSentence(strict.Message)}", strict);
        }

        return root as JsonObject ?? throw new InstallException($"{path} does not hold a JSON object at its top level.");
    }

    /// <summary>Two-space indented JSON with a final newline.</summary>
    public static string Render(JsonObject root)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            root.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>The object under <paramref name="name"/>, created when missing.</summary>
    /// <exception cref="InstallException">The property exists but is not an object.</exception>
    public static JsonObject Object(JsonObject parent, string name, string path)
    {
        JsonNode? node = parent[name];
        if (node is JsonObject existing)
        {
            return existing;
        }

        if (node is not null)
        {
            throw new InstallException($"{path}: '{name}' is not a JSON object.");
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    /// <summary>
    /// Sets the server entry <paramref name="name"/> under <paramref name="container"/>: the given properties are
    /// ours; any other property the user added to the entry (env, cwd...) is kept.
    /// </summary>
    public static void SetServer(JsonObject root, string container, string name, JsonObject wanted, string path)
    {
        JsonObject servers = Object(root, container, path);
        if (servers[name] is not JsonObject entry)
        {
            servers[name] = wanted;
            return;
        }

        foreach ((string key, JsonNode? value) in wanted.ToList())
        {
            if (!JsonNode.DeepEquals(entry[key], value))
            {
                entry[key] = value?.DeepClone();
            }
        }
    }

    private static bool ParsesLeniently(string text)
    {
        try
        {
            _ = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Where(JsonException ex) =>
        ex.LineNumber is { } line ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "position unknown";

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
